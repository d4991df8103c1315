"""Stage times (placeholder until its builder lands)."""
NAME = "times"
REQUIRES = ("doc",)
ASSIGNS = ("times",)


def run(analysis) -> None:
    return None
