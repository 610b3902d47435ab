"""Planning: the neighbourhood team's own service (one household, one plan, one regisseur; decisions)."""
