"""The command line: commands, reporters, console and the interview.

Only ``cxacq.__main__`` imports this package; it imports every other layer.
"""
