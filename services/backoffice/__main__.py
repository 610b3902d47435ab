"""`python -m services.backoffice`: run backoffice as its own process (same as `wijk service backoffice`)."""

from wijk.cli import main

main(["service", "backoffice"])
