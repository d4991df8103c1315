"""eventcoder: news reports in, geocoded, dated, attributed events out (eventcoder/1).

Public API::

    import eventcoder
    result = eventcoder.extract(text, published="2022-10-14", outlet="Guardian")
    result.to_dict()   # the eventcoder/1 JSON object

Bad input raises :class:`eventcoder.errors.InputError` with a catalog code, never a bare Python
error: ``extract("")`` E001 (empty), ``extract(None)``/``extract(123)``/``extract(b"...")`` E023
(not a str), a text over ``EVENTCODER_MAX_CHARS`` characters E004.
"""
from .model import DocumentResult
from .pipeline import extract, extract_many

__version__ = "0.1.0"
__all__ = ["extract", "extract_many", "DocumentResult", "__version__"]
