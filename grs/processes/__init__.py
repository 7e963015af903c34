"""What a running GRS is made of: settings, the runtime every process builds, the escalation
worker, the demo data."""
