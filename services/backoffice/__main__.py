from services.backoffice.main import main

main()
