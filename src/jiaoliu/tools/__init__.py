"""Commands for staff and CI, on top of the rest."""
