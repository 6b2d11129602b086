"""Checks over a ``models.Document``: deterministic rules and statistical detectors."""
