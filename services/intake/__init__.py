"""Intake: the neighbourhood team's front door (households, support requests, routing to a team)."""
