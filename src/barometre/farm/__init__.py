"""The city farm: generated commune websites served on loopback, with known true levels."""
