"""`python -m services.reporting`: run reporting as its own process (same as `wijk service reporting`)."""

from wijk.cli import main

main(["service", "reporting"])
