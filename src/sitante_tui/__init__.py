"""sitante: a terminal companion for live workplace coaching (GROW)."""

__version__ = "0.1.0"
