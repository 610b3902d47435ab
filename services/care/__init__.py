"""Care: the reference care provider (zorgaanbieder). A real provider may replace it with its own system."""
