"""`python -m services.intake`: run intake as its own process (the same as `wijk service intake`)."""

from services.intake.main import main

main()
