"""cxacq: turn a program office's CX answers into a DHS acquisition package.

The supported interfaces are the command line and the answers-file schema; every
module below this package is internal and may move.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
