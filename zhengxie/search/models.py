"""Tables of the search app."""
