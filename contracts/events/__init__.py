"""Versioned integration events, one module per publishing service."""
