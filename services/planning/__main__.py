from services.planning.main import main

main()
