"""sitante."""
