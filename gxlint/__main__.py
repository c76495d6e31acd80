from gxlint.entry import main

main()
