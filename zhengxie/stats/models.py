"""Tables of the stats app."""
