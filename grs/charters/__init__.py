"""charters"""
