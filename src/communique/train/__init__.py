"""Training code of learned components (run by scripts/, never at coding time)."""
