"""Reading published citizen charters (সিটিজেন চার্টার): services, the grievance ladder, what the
office expects of citizens, and the problems met on the way."""
