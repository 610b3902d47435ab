"""Budget: the financial agreement (budget per team, year and line; reservations for decisions)."""
