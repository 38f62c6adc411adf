"""Tables of the opinions app."""
