from smartprov.cli import main

main()
