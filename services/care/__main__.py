from services.care.main import main

main()
