"""The care provider's pure domain: assignments and the start of care; no I/O."""
