"""The year's list of proposal topics in Excel: the template, and an all-or-nothing import with the errors by row
(core.importing)."""

from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from zhengxie.core.documents import excel_bytes
from zhengxie.core.exceptions import DomainError
from zhengxie.core.importing import choice_of, read_rows, refuse_rows

from . import services
from .choices import TopicSource
from .org_settings import topics_of
from .services.topics import clean_topic

COLUMNS = [
    ("title", pgettext_lazy("proposal topic", "Topic"), 50, True),
    ("subject", _("Subject"), 12, True),
    ("source", _("Source"), 18, False),
    ("source_note", _("Source in words"), 30, False),
    ("description", _("What to look into"), 50, False),
]
MAX_ROWS = 2000


def template_bytes() -> bytes:
    example = ["关于推动新能源装备制造产业集群发展的建议", "经济发展", str(TopicSource.PRIORITIES.label), "市委全会报告",
               "围绕风光电装备本地配套率低的问题，提出延链补链的举措。"]
    return excel_bytes([(label, width) for _k, label, width, _r in COLUMNS], [example], title=gettext("Topics"))


def topics_import(*, actor, organisation, upload, year: int | None = None) -> int:
    """Every row or none; raises DomainError whose ``errors`` maps row numbers to messages."""
    year = year or timezone.localdate().year
    rows = read_rows(upload, COLUMNS, empty_message=gettext("The file has no rows of topics."), max_rows=MAX_ROWS)
    subjects = set(topics_of(organisation))
    prepared, errors = [], {}
    for number, values in rows:
        text = {k: str(values.get(k) or "").strip() for k, *_rest in COLUMNS}
        source = choice_of(text["source"], TopicSource.choices) if text["source"] else TopicSource.OFFICE
        problems = []
        if source is None:
            problems.append(gettext("the source is not one of the list"))
        if text["subject"] not in subjects:
            problems.append(gettext("the subject is not one of the organisation's subjects"))
        fields = {**text, "source": source or TopicSource.OFFICE, "year": year}
        if not problems:
            try:
                clean_topic(organisation, fields)
            except DomainError as exc:
                problems += [str(m) for messages in exc.errors.values() for m in messages]
        if problems:
            errors[number] = problems
        else:
            prepared.append(fields)
    refuse_rows(errors, kind="proposal topics", organisation=organisation, actor=actor)
    return len(services.topics_import(actor=actor, organisation=organisation, rows=prepared))
