"""Command line: `backstretch serve`."""


def main() -> None:
    raise SystemExit("not yet")
