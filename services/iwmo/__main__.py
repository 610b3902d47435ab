"""`python -m services.iwmo`: run the gateway as its own process (the same as `wijk service iwmo`)."""

from services.iwmo.main import main

main()
