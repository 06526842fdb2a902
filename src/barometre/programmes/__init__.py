"""Programme observatory: municipal electoral programmes and their digital promises."""
