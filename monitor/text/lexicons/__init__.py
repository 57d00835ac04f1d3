"""Word lists of the text rules, English and Russian, as Python modules (nothing to package separately)."""
