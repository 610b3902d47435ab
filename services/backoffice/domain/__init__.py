"""The backoffice's pure domain: the execution of decisions, legal terms and the provision catalogue; no I/O."""
