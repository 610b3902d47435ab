"""`python -m services.care`: run care as its own process (the same as `wijk service care`)."""

from services.care.main import main

main()
