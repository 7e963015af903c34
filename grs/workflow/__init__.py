"""The ladder as data: the workflow definition and its reader, the one shared state machine, who
handles each tier, and deadlines."""
