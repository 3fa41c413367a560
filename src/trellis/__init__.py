"""Trellis: a statewide system of support for continuous improvement in public education."""

__version__ = "0.1.0"
