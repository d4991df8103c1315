"""Stage places (placeholder until its builder lands)."""
NAME = "places"
REQUIRES = ("doc", "entities",)
ASSIGNS = ("places",)


def run(analysis) -> None:
    return None
