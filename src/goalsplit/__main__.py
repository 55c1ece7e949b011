from goalsplit.cli import main

main()
