"""Backoffice: executes what the team decided (the beschikking, the provider assignment, later payments)."""
