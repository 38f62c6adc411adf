"""Tables of the proposals app."""
