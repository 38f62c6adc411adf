"""Tables of the activities app."""
