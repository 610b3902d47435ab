"""`python -m services.debt`: run debt as its own process (the same as `wijk service debt`)."""

from services.debt.main import main

main()
