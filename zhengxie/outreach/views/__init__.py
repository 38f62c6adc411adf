"""Pages of the outreach app: places, activities, concerns and figures for staff and members (``places``,
``activities``, ``concerns``, ``figures``), and the public page for constituents (``public``)."""

