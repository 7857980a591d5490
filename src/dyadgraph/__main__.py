from dyadgraph.cli import main

main()
