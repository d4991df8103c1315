"""Stage events (placeholder until its builder lands)."""
NAME = "events"
REQUIRES = ("doc", "entities", "places", "times", "quantities", "attributions",)
ASSIGNS = ("events",)


def run(analysis) -> None:
    return None
