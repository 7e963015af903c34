"""`python -m grs` is the `grs` command (used to start the worker from the same interpreter)."""

from grs.cli import main

if __name__ == "__main__":
    main()
