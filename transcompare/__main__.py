"""`python -m transcompare ...`: the same CLI as the `transcompare` script."""

from .cli.main import main

if __name__ == "__main__":
    main()
