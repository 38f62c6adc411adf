"""Pages of the cooperation app: experts (and an expert's own invitations), alliances, joint activities."""
