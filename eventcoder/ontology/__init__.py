"""Ontology tables (PLOVER, ACLED, CAMEO, actors, agents) as data files with their sources."""
