"""`python -m services.backoffice`: run backoffice as its own process (the same as `wijk service backoffice`)."""

from services.backoffice.main import main

main()
