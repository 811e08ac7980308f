"""Trainer: offline desktop training in digital-government and data-governance skills."""

__version__ = "0.1.0"
