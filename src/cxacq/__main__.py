"""Allow ``python -m cxacq``."""

from cxacq.cli import main

if __name__ == "__main__":
    main()
