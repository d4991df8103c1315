"""Stage entities (placeholder until its builder lands)."""
NAME = "entities"
REQUIRES = ("doc",)
ASSIGNS = ("entities",)


def run(analysis) -> None:
    return None
