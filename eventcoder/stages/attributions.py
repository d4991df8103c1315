"""Stage attributions (placeholder until its builder lands)."""
NAME = "attributions"
REQUIRES = ("doc", "entities",)
ASSIGNS = ("attributions",)


def run(analysis) -> None:
    return None
