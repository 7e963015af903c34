"""Monitoring figures: grievance reports per office and period, rebuilt from case history as it
stood at the period's end; the column definitions they are shown with; who may read which office.

Never imports flask. Reads take the caller's session.
"""
