"""Notifications: message texts as data, SMS segment counting and the channels that send them."""
