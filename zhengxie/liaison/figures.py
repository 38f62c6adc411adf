"""The figures of information for members and of questions to departments, registered with the statistics app
(its dashboard, export, annual report and API read them): items published, required reading confirmed, questions
asked, answered, answered by their due date."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.stats.registry import Figure, register_figure

from .choices import InfoStatus, InquiryStatus
from .models import ContactAssignment, ContactVisit, InfoItem, Inquiry, ReadReceipt, Topic, TopicAnswer

GROUP = _("Information for members")


def _published(scope):
    return InfoItem.objects.filter(organisation_id__in=scope.org_ids, published_at__range=scope.datetime_range).exclude(
        status=InfoStatus.DRAFT)


def _receipts(scope):
    return ReadReceipt.objects.filter(item__organisation_id__in=scope.org_ids, read_at__range=scope.datetime_range)


def _asked(scope):
    return Inquiry.objects.filter(organisation_id__in=scope.org_ids, asked_at__range=scope.datetime_range)


def _answered(scope):
    return Inquiry.objects.filter(organisation_id__in=scope.org_ids, status=InquiryStatus.ANSWERED,
                                  answered_at__range=scope.datetime_range)


def _answered_on_time(scope):
    return _answered(scope).filter(answered_at__date__lte=F("due_on"))


QUESTIONS = pgettext_lazy("inquiry", "questions")
for key, label, records, date_field, unit, order, definition in [
    ("published", _("Items of information published for members"), _published, "published_at", _("items"), 600,
     _("Documents, briefings and data releases published for members in the period (withdrawn ones included, "
       "drafts excluded), counted on the day of publication.")),
    ("receipts", _("Readings of required reading confirmed"), _receipts, "read_at", _("readings"), 601,
     _("Confirmations of required reading (我已阅读) by members in the period, one per member and item.")),
    ("asked", _("Questions asked to departments"), _asked, "asked_at", QUESTIONS, 602,
     _("Members' questions to departments (知情问询) asked in the period, withdrawn ones included.")),
    ("answered", _("Questions answered by departments"), _answered, "answered_at", QUESTIONS, 603,
     _("Questions answered in the period, counted on the day of the answer.")),
    ("answered_on_time", _("Questions answered by their due date"), _answered_on_time, "answered_at", QUESTIONS, 604,
     _("Questions answered in the period on or before their due date.")),
]:
    register_figure(Figure(f"liaison.{key}", label, GROUP, records=records, date_field=date_field, unit=unit,
                           order=order, definition=definition))


# --- proposal topics and contact duties -------------------------------------------------------------------------------

TOPICS_GROUP = _("Proposal topics and contact duties")


def _topics_listed(scope):
    return Topic.objects.filter(organisation_id__in=scope.org_ids, listed_at__range=scope.datetime_range)


def _topics_answered(scope):
    return _topics_listed(scope).filter(answers__isnull=False).distinct()


def _topic_answers(scope):
    return TopicAnswer.objects.filter(organisation_id__in=scope.org_ids, created_at__range=scope.datetime_range)


def _assignments(scope):
    return ContactAssignment.objects.filter(organisation_id__in=scope.org_ids, created_at__range=scope.datetime_range)


def _visits(scope):
    return ContactVisit.objects.filter(organisation_id__in=scope.org_ids, visited_on__range=scope.date_range)


for key, label, records, date_field, unit, order, measure, definition in [
    ("topics_listed", _("Proposal topics put on the list"), _topics_listed, "listed_at", _("topics"), 610, "count",
     _("Suggested proposal topics put on the year's list in the period (by the office, or accepted from a "
       "suggestion), counted on the day they were listed.")),
    ("topics_answered", _("Listed topics answered by a proposal"), _topics_answered, "listed_at", _("topics"), 611,
     "count", _("Of the topics put on the list in the period, those that at least one proposal says it answers.")),
    ("topic_proposals", _("Proposals answering a suggested topic"), _topic_answers, "created_at", _("proposals"), 612,
     "count", _("Proposals whose author chose, in the period, the suggested topic they answer.")),
    ("contact_assignments", _("Contact duties assigned"), _assignments, "created_at", _("assignments"), 613, "count",
     _("Contact duties (联系制度) made in the period: Party-group members and sectors, Party and non-Party members, "
       "special committees and sectors, members and their sector's constituents; ended ones included.")),
    ("contact_visits", _("Contact visits and talks"), _visits, "visited_on", _("visits"), 614, "count",
     _("Visits and talks logged under contact duties, counted on the day they took place.")),
    ("contact_matters_raised", _("Matters raised in contact visits"), _visits, "visited_on", _("matters"), 615,
     "sum:matters_raised", _("The matters raised in the visits and talks of the period, as logged with each visit.")),
    ("contact_matters_solved", _("Matters raised in contact visits and solved"), _visits, "visited_on", _("matters"),
     616, "sum:matters_solved",
     _("Of the matters raised in the visits and talks of the period, those logged as solved by now.")),
]:
    register_figure(Figure(f"liaison.{key}", label, TOPICS_GROUP, records=records, date_field=date_field, unit=unit,
                           order=order, measure=measure, definition=definition))
