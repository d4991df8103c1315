"""Stage quantities (placeholder until its builder lands)."""
NAME = "quantities"
REQUIRES = ("doc",)
ASSIGNS = ("quantities",)


def run(analysis) -> None:
    return None
