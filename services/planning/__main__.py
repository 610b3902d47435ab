"""`python -m services.planning`: run planning as its own process (the same as `wijk service planning`)."""

from services.planning.main import main

main()
