"""barometre: an open observatory of local e-government in France."""

__version__ = "0.1.0"
