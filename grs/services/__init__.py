"""The only place a case changes: lodging, officer and citizen actions, escalation, recompute."""
