"""`python -m services.reporting`: run reporting as its own process (the same as `wijk service reporting`)."""

from services.reporting.main import main

main()
