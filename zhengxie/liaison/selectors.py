"""Reads of the liaison app: permission-filtered, organisation-scoped querysets with their joins.

Every list of items starts from ``info_items_visible_to`` and every list of questions from
``inquiries_visible_to``; a detail page is the same queryset filtered by id (``core.selectors.get_visible``)."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, Max, OuterRef, Q
from django.utils import timezone

from zhengxie.core import choices as core_choices
from zhengxie.core import permissions as core_permissions
from zhengxie.core.choices import MemberStatus
from zhengxie.core.models import Member, User
from zhengxie.core.selectors import get_visible

from . import permissions
from .choices import AccessLevel, AssignmentStatus, InfoStatus, InquiryStatus, PublisherKind, TopicStatus
from .models import (
    Contact,
    ContactAssignment,
    ContactVisit,
    InfoItem,
    InfoLink,
    Inquiry,
    ReadReceipt,
    Topic,
    TopicAnswer,
    TopicFollow,
)

ITEM_JOINS = ("organisation", "unit", "committee", "sector", "activity")
INQUIRY_JOINS = ("organisation", "member__person", "unit", "item", "answered_by")


def _audience_q(seat) -> Q:
    """The published items a member's seat may read."""
    q = Q(access=AccessLevel.ALL_MEMBERS)
    if seat.committee_id:
        q |= Q(access=AccessLevel.COMMITTEE, committee_id=seat.committee_id)
    q |= Q(access=AccessLevel.SECTOR, sector_id=seat.sector_id)
    if permissions.is_leader_member(seat):
        q |= Q(access=AccessLevel.LEADERS)
    return Q(status=InfoStatus.PUBLISHED) & q


def info_items_visible_to(user, organisation):
    if organisation is None or not getattr(user, "is_authenticated", False):
        return InfoItem.objects.none()
    qs = InfoItem.objects.filter(organisation=organisation).select_related(*ITEM_JOINS)
    if permissions.sees_all_info(user, organisation):
        return qs
    condition = Q(pk__in=[])
    seat = core_permissions.current_member(user, organisation)
    if seat is not None:
        condition |= _audience_q(seat)
    if permissions.is_party_gov(user, organisation):
        condition |= Q(publisher_kind=PublisherKind.PARTY_GOV)
    units = permissions.unit_ids(user, organisation)
    if units:
        condition |= Q(unit_id__in=units)
    return qs.filter(condition)


def info_item_get_for_user(user, organisation, pk) -> InfoItem:
    return get_visible(info_items_visible_to(user, organisation), pk, organisation=organisation)


def with_read_flag(qs, user):
    """Each item with ``is_read``: whether the user confirmed reading it."""
    return qs.annotate(is_read=Exists(ReadReceipt.objects.filter(item_id=OuterRef("pk"), user_id=user.pk)))


def info_search(qs, *, topic: str = "", kind: str = "", department: str = "", status: str = "", q: str = "",
                required: bool | None = None):
    if topic:
        qs = qs.filter(topic=topic)
    if kind:
        qs = qs.filter(kind=kind)
    if department:
        qs = qs.filter(department=department)
    if status:
        qs = qs.filter(status=status)
    if required is not None:
        qs = qs.filter(required=required)
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(title__contains=q) | Q(summary__contains=q) | Q(body__contains=q) | Q(department__contains=q))
    return qs.order_by("-published_at", "-created_at", "-pk")


def unread_required(user, organisation):
    """Published items of required reading the user may read and has not confirmed (the member's to-do)."""
    return (info_items_visible_to(user, organisation).filter(status=InfoStatus.PUBLISHED, required=True)
            .exclude(receipts__user_id=user.pk))


def departments_of(qs) -> list[str]:
    return sorted(set(qs.filter(status=InfoStatus.PUBLISHED).values_list("department", flat=True)))


def audience_of(item):
    """The active members of the item's organisation, in its current term, who may read it."""
    seats = Member.objects.filter(organisation_id=item.organisation_id, status=MemberStatus.ACTIVE,
                                  term__is_current=True)
    if item.access == AccessLevel.COMMITTEE:
        seats = seats.filter(committee_id=item.committee_id)
    elif item.access == AccessLevel.SECTOR:
        seats = seats.filter(sector_id=item.sector_id)
    elif item.access == AccessLevel.LEADERS:
        seats = seats.filter(position__in=permissions.LEADER_POSITIONS)
    return seats.select_related("person", "sector")


def audience_users(item) -> list[User]:
    return list(User.objects.filter(is_active=True, person__seats__in=audience_of(item)).distinct())


def receipts_of(item):
    """Who of the audience confirmed reading, who did not: (read receipts, members who have not read)."""
    receipts = list(item.receipts.select_related("member__person", "user").order_by("read_at"))
    read_people = {r.member.person_id for r in receipts if r.member_id}
    pending = [m for m in audience_of(item).order_by("person__name") if m.person_id not in read_people]
    return receipts, pending


def links_of(item):
    return list(item.links.select_related("target_type").order_by("created_at"))


def links_to(target):
    """Items linked from a proposal or a report (shown on its page)."""
    content_type = ContentType.objects.get_for_model(target)
    return InfoLink.objects.filter(target_type=content_type, target_id=str(target.pk)).select_related("item")


def history_of(obj):
    return obj.transitions.select_related("actor", "actor__person").order_by("created_at", "pk")


# --- questions to departments -----------------------------------------------------------------------------------------


def inquiries_visible_to(user, organisation):
    if organisation is None or not getattr(user, "is_authenticated", False):
        return Inquiry.objects.none()
    qs = Inquiry.objects.filter(organisation=organisation).select_related(*INQUIRY_JOINS)
    if permissions.oversees_inquiries(user, organisation):
        return qs
    condition = Q(pk__in=[])
    if core_permissions.current_member(user, organisation) is not None:
        condition |= Q(member__person_id=user.person_id) | Q(status=InquiryStatus.ANSWERED, is_public=True)
    units = permissions.unit_ids(user, organisation)
    if units:
        condition |= Q(unit_id__in=units)
    return qs.filter(condition)


def inquiry_get_for_user(user, organisation, pk) -> Inquiry:
    return get_visible(inquiries_visible_to(user, organisation), pk, organisation=organisation)


def inquiry_search(qs, *, status: str = "", unit_id: int | None = None, topic: str = "", mine_of=None,
                   public: bool | None = None, overdue: bool = False):
    if status:
        qs = qs.filter(status=status)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if topic:
        qs = qs.filter(topic=topic)
    if mine_of is not None:
        qs = qs.filter(member__person_id=mine_of.person_id)
    if public is not None:
        qs = qs.filter(is_public=public)
    if overdue:
        qs = qs.filter(status=InquiryStatus.ASKED, due_on__lt=timezone.localdate())
    return qs.order_by("-asked_at", "-pk")


def inquiries_to_answer(user, organisation):
    """The questions waiting for the user's departments (the unit's to-do)."""
    units = permissions.unit_ids(user, organisation)
    return inquiries_visible_to(user, organisation).filter(unit_id__in=units, status=InquiryStatus.ASKED)


def overdue_inquiries(user, organisation):
    return inquiries_visible_to(user, organisation).filter(status=InquiryStatus.ASKED,
                                                           due_on__lt=timezone.localdate())


# --- proposal topics (提案选题) ------------------------------------------------------------------------------------------

TOPIC_JOINS = ("organisation", "unit", "created_by", "source_type")
PUBLISHED_TOPIC_STATES = (TopicStatus.LISTED, TopicStatus.CLOSED)


def topics_visible_to(user, organisation):
    """Every list of topics starts here: the office and the leaders see all (suggestions too); members, departments
    and the Party/government offices see the list, and their own suggestions."""
    if organisation is None or not getattr(user, "is_authenticated", False):
        return Topic.objects.none()
    qs = Topic.objects.filter(organisation=organisation).select_related(*TOPIC_JOINS)
    if permissions.sees_all_topics(user, organisation):
        return qs
    if not permissions.can_use_topics(user, organisation):
        return qs.none()
    condition = Q(status__in=PUBLISHED_TOPIC_STATES) | Q(created_by_id=user.pk)
    units = permissions.unit_ids(user, organisation)
    if units:
        condition |= Q(unit_id__in=units)
    return qs.filter(condition)


def topic_get_for_user(user, organisation, pk) -> Topic:
    return get_visible(topics_visible_to(user, organisation), pk, organisation=organisation)


def with_topic_counts(qs, seat=None):
    """Each topic with ``answer_count`` (proposals answering it), ``claim_count``, ``follow_count``, and, for a
    member's seat, ``followed`` and ``claimed``."""
    qs = qs.annotate(
        answer_count=Count("answers", distinct=True),
        follow_count=Count("follows", distinct=True),
        claim_count=Count("follows", filter=Q(follows__claimed=True), distinct=True),
    )
    if seat is not None:
        mine = TopicFollow.objects.filter(topic_id=OuterRef("pk"), member_id=seat.pk)
        qs = qs.annotate(followed=Exists(mine), claimed=Exists(mine.filter(claimed=True)))
    return qs


def topic_search(qs, *, year: int | None = None, status: str = "", subject: str = "", source: str = "",
                 q: str = "", followed_by=None, claimed_by=None, unanswered: bool = False):
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    if subject:
        qs = qs.filter(subject=subject)
    if source:
        qs = qs.filter(source=source)
    # Through a subquery, so that the counts annotated on the same relation stay whole.
    if followed_by is not None:
        qs = qs.filter(pk__in=TopicFollow.objects.filter(member_id=followed_by.pk).values("topic_id"))
    if claimed_by is not None:
        qs = qs.filter(pk__in=TopicFollow.objects.filter(member_id=claimed_by.pk, claimed=True).values("topic_id"))
    if unanswered:
        qs = qs.filter(status=TopicStatus.LISTED).exclude(answers__isnull=False)
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(title__contains=q) | Q(description__contains=q) | Q(source_note__contains=q))
    return qs.order_by("-year", F("number").asc(nulls_last=True), "-created_at", "-pk")


def topics_to_decide(user, organisation):
    """Suggestions waiting for the office's decision (its to-do)."""
    if not permissions.manages_topics(user, organisation):
        return Topic.objects.none()
    return topics_visible_to(user, organisation).filter(status=TopicStatus.SUGGESTED)


def topics_for_drafting(user, organisation):
    """The listed topics a proposal can answer, the member's claimed ones first."""
    seat = core_permissions.current_member(user, organisation)
    qs = topics_visible_to(user, organisation).filter(status=TopicStatus.LISTED)
    if seat is not None:
        qs = qs.annotate(claimed=Exists(TopicFollow.objects.filter(topic_id=OuterRef("pk"), member_id=seat.pk,
                                                                   claimed=True)))
        return qs.order_by("-claimed", "-year", "number", "pk")
    return qs.order_by("-year", "number", "pk")


def claimed_unanswered(user, organisation):
    """Topics the member claimed and has not yet answered with a proposal (the member's to-do)."""
    seat = core_permissions.current_member(user, organisation)
    if seat is None:
        return Topic.objects.none()
    mine = TopicAnswer.objects.filter(topic_id=OuterRef("pk"), proposal__signers__member__person_id=seat.person_id)
    return (topics_visible_to(user, organisation).filter(status=TopicStatus.LISTED, follows__member_id=seat.pk,
                                                         follows__claimed=True)
            .annotate(answered_by_me=Exists(mine)).filter(answered_by_me=False))


def answers_of(topic, user, organisation):
    """The proposals answering a topic that the user may see, and how many there are in all."""
    from zhengxie.proposals.selectors import proposals_visible_to

    answers = TopicAnswer.objects.filter(topic=topic)
    visible = proposals_visible_to(user, organisation).filter(topic_answer__topic=topic).order_by("-pk")
    return list(visible), answers.count()


def followers_of(topic):
    return list(topic.follows.select_related("member__person", "member__sector").order_by("-claimed", "created_at"))


def topic_of_proposal(proposal):
    answer = TopicAnswer.objects.filter(proposal=proposal).select_related("topic").first()
    return answer.topic if answer else None


# --- contact duties (联系制度) -------------------------------------------------------------------------------------------

ASSIGNMENT_JOINS = ("organisation", "member__person", "member__sector", "committee")


def assignments_visible_to(user, organisation):
    """Every list of contact assignments starts here: the general office and the leaders see all; committee staff
    those of their committees (held by the committee or by one of its members); a member the ones they hold."""
    if organisation is None or not getattr(user, "is_authenticated", False):
        return ContactAssignment.objects.none()
    qs = ContactAssignment.objects.filter(organisation=organisation).select_related(*ASSIGNMENT_JOINS)
    if permissions.sees_all_contacts(user, organisation):
        return qs
    condition = Q(pk__in=[])
    if core_permissions.has_role(user, organisation, core_choices.Role.COMMITTEE_STAFF):
        committees = permissions.staff_committee_ids(user, organisation)
        if committees is None:
            return qs
        condition |= Q(committee_id__in=committees) | Q(member__committee_id__in=committees)
    if core_permissions.current_member(user, organisation) is not None and user.person_id:
        condition |= Q(member__person_id=user.person_id)
    return qs.filter(condition)


def assignment_get_for_user(user, organisation, pk) -> ContactAssignment:
    return get_visible(assignments_visible_to(user, organisation), pk, organisation=organisation)


def visits_visible_to(user, organisation):
    assignments = assignments_visible_to(user, organisation)
    return (ContactVisit.objects.filter(organisation=organisation, assignment__in=assignments.values("pk"))
            .select_related("assignment__member__person", "assignment__committee", "contact__sector",
                            "contact__member__person", "logged_by"))


def with_visit_counts(qs):
    return qs.annotate(visit_count=Count("visits", distinct=True), last_visit=Max("visits__visited_on"),
                       contact_count=Count("contacts", filter=Q(contacts__is_active=True), distinct=True))


def assignment_search(qs, *, kind: str = "", status: str = "", q: str = "", mine_of=None):
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if mine_of is not None:
        qs = qs.filter(member__person_id=mine_of.person_id)
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(member__person__name__contains=q) | Q(committee__name__contains=q)
                       | Q(contacts__sector__name__contains=q) | Q(contacts__name__contains=q)
                       | Q(contacts__member__person__name__contains=q)).distinct()
    return qs.order_by("kind", "pk")


def contacts_of(assignment):
    """The assignment's contacts, each with ``last_visit`` (the date of its latest visit)."""
    return list(assignment.contacts.filter(is_active=True).select_related("sector", "member__person")
                .annotate(last_visit=Max("visits__visited_on"), visit_count=Count("visits")).order_by("pk"))


def visits_of(assignment):
    return list(assignment.visits.select_related("contact__sector", "contact__member__person", "logged_by")
                .order_by("-visited_on", "-pk"))


def contacts_due(organisation_ids=None, *, today=None, days_of=None):
    """Active contacts of active assignments not visited within their organisation's period (from the date they
    were added when never visited): a queryset annotated with ``last_visit``. ``days_of(org_id)`` gives the period."""
    from zhengxie.core.models import Organisation
    from zhengxie.core.org_settings import get_setting

    from .org_settings import CONTACT_DAYS

    today = today or timezone.localdate()
    qs = (Contact.objects.filter(is_active=True, assignment__status=AssignmentStatus.ACTIVE)
          .select_related("assignment__organisation", "assignment__member__person", "assignment__committee",
                          "sector", "member__person")
          .annotate(last_visit=Max("visits__visited_on")))
    if organisation_ids is not None:
        qs = qs.filter(assignment__organisation_id__in=list(organisation_ids))
    orgs = (Organisation.objects.filter(pk__in=qs.values("assignment__organisation_id"))
            if organisation_ids is None else Organisation.objects.filter(pk__in=list(organisation_ids)))
    condition = Q(pk__in=[])
    for org in orgs:
        days = days_of(org.pk) if days_of else get_setting(org, CONTACT_DAYS)
        since = today - dt.timedelta(days=days)
        condition |= Q(assignment__organisation_id=org.pk) & (
            Q(last_visit__lt=since) | Q(last_visit__isnull=True, added_at__date__lt=since))
    return qs.filter(condition)


def overdue_contacts(user, organisation):
    """The contacts of the assignments the user sees that are due a visit (the member's and the office's to-do)."""
    visible = assignments_visible_to(user, organisation).filter(status=AssignmentStatus.ACTIVE)
    return contacts_due([organisation.pk]).filter(assignment__in=visible.values("pk"))
