"""Reporting: the council's accountability read side (verantwoording). Read models only, rebuilt by replay."""
