from services.debt.main import main

main()
