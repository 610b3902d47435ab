from services.reporting.main import main

main()
