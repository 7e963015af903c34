"""GRS: grievance redress case tracking for Bangladesh government offices."""
