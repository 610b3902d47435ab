"""`python -m services.care`: run care as its own process (same as `wijk service care`)."""

from wijk.cli import main

main(["service", "care"])
