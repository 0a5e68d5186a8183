"""Placeholder entry point replaced when the CLI lands in this commit series."""


def main() -> None:
    """Run the command line."""
    raise SystemExit(0)
