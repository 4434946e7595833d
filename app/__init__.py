"""Twitchcheck: an educational symptom checker for muscle twitching."""

__version__ = "0.1.0"
