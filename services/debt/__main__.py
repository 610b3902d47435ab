"""`python -m services.debt`: run debt as its own process (same as `wijk service debt`)."""

from wijk.cli import main

main(["service", "debt"])
