"""`python -m services.intake`: run intake as its own process (same as `wijk service intake`)."""

from wijk.cli import main

main(["service", "intake"])
