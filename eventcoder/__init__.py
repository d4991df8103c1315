"""eventcoder: news reports in, geocoded, dated, attributed events out (eventcoder/1).

Public API::

    import eventcoder
    result = eventcoder.extract(text, published="2022-10-14", outlet="Guardian")
    result.to_dict()   # the eventcoder/1 JSON object
"""
from .model import DocumentResult
from .pipeline import extract, extract_many

__version__ = "0.1.0"
__all__ = ["extract", "extract_many", "DocumentResult", "__version__"]
