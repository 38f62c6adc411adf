"""Every write of the activities app, one service per state change (see the modules)."""
