"""Pages of the outreach app: places, activities, concerns and figures for staff and members (``places``,
``activities``, ``concerns``, ``figures``), and the public page for constituents (``public``)."""


def posted_version(request) -> int | None:
    """The version of the object the user saw when the form was drawn (None when not sent)."""
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None
