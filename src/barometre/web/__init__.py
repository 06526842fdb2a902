"""The web platform: pages apart from the domain apps."""
