"""Prachum: the LINE bot's wiring."""

__version__ = "0.1.0"
