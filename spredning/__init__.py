"""Spredningsguiden som interaktiv guide i terminalen."""

__version__ = "0.1.0"
