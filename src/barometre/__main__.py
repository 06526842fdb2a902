from barometre.cli import main

main()
