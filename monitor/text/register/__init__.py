"""A small linear model of register (talking down, promotion) on lemma and character n-gram features."""
