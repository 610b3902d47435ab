"""Debt: the reference debt-assistance organisation (schuldhulpverlening under the Wgs)."""
