from gxlint.cli import main

main()
