"""`python -m services.budget`: run budget as its own process (the same as `wijk service budget`)."""

from services.budget.main import main

main()
