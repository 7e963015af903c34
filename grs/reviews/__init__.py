"""The quarterly citizen-charter review: the items the review meeting checks, what each office
enters for them with its evidence, and the compliance table of the offices below an office."""
