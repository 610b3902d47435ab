"""Debt assistance's pure domain: trajectories and the statutory terms of the Wgs; no I/O."""
