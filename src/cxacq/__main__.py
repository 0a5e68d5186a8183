"""Allow ``python -m cxacq``."""

from cxacq.cli.commands import main

if __name__ == "__main__":
    main()
