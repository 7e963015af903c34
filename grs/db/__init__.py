"""The database: typed models, sessions, migrations run from code, and the check that the live
schema and rows still follow the models and the workflow."""
