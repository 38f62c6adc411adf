"""Background tasks of the cooperation app: none yet (its notices are sent by core's notification task)."""
