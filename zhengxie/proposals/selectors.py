"""Reads of the proposals app: organisation-scoped, permission-filtered querysets with their joins.

A proposal of another organisation can never appear: every queryset starts from ``organisation=…``."""

from collections import defaultdict

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from zhengxie.core import permissions as core
from zhengxie.core.choices import Role
from zhengxie.core.exceptions import DomainError
from zhengxie.core.models import HandlingUnit, Organisation
from zhengxie.core.selectors import get_visible

from . import permissions
from .choices import (
    OPEN_TASK_STATES,
    REGISTERED_STATES,
    REPLIED_TASK_STATES,
    REPLYING_ROLES,
    ConversionTarget,
    KeyState,
    LetterStatus,
    ProposalStatus,
    Publication,
    Satisfaction,
    SignerRole,
    SignerStatus,
    TaskStatus,
)
from .models import HandlingTask, JointProposal, JointSigner, MemberLetter, Proposal, ProposalSigner, Rating
from .org_settings import setting


def _own_q(user, organisation) -> Q:
    """Proposals the user wrote (as the first proposer or for a body), whatever their state."""
    seat = core.current_member(user, organisation)
    q = Q(pk__in=[])
    if seat is not None:
        q |= Q(first_proposer=seat)
    bodies = core.body_ids_of(user, organisation)
    if bodies:
        q |= Q(body_id__in=bodies)
    return q


def _signed_q(user, organisation) -> Q:
    """Proposals the user was invited to co-sign (or signs through a merge): never a draft."""
    seat = core.current_member(user, organisation)
    if seat is None:
        return Q(pk__in=[])
    signed = ProposalSigner.objects.filter(member=seat).exclude(status=SignerStatus.SELECTED).values("proposal_id")
    return Q(pk__in=signed) & ~Q(status=ProposalStatus.DRAFT)


def proposals_visible_to(user, organisation):
    """Drafts are private to their author; office staff and leaders see every submitted proposal; a unit sees
    what it handles; members see their own and, once registered, everyone's."""
    qs = Proposal.objects.filter(organisation=organisation)
    roles = core.roles_in(user, organisation)
    if not roles:
        return qs.none()
    # Each part is looked up only for a user whose roles can need it (the lists are the busiest pages).
    condition = Q(pk__in=[])
    if roles & {Role.MEMBER, Role.BODY_CONTACT}:
        condition |= _own_q(user, organisation) | _signed_q(user, organisation)
    if permissions.sees_all(user, organisation):
        return qs.filter(condition | ~Q(status=ProposalStatus.DRAFT))
    if roles & {Role.MEMBER, Role.BODY_CONTACT, Role.PARTY_GOV_OFFICE}:
        condition |= Q(status__in=REGISTERED_STATES)
    units = permissions.unit_ids(user, organisation) if roles & {Role.HANDLING_UNIT, Role.UNIT_LEADER} else set()
    if units:
        handled = HandlingTask.objects.filter(unit_id__in=units).exclude(status__in=[TaskStatus.CANCELLED, TaskStatus.PENDING])
        condition |= Q(pk__in=handled.values("proposal_id"))
    return qs.filter(condition)


def mine(user, organisation):
    """The user's own proposals and those they co-sign (the member's "my proposals")."""
    return Proposal.objects.filter(organisation=organisation).filter(_own_q(user, organisation) | _signed_q(user, organisation))


def live_tasks_prefetch():
    return Prefetch("tasks", queryset=HandlingTask.objects.exclude(status=TaskStatus.CANCELLED)
                    .select_related("unit").order_by("id"), to_attr="live_tasks")


def with_list_joins(qs):
    """What a list shows, in three queries for any number of rows (the long texts are left out)."""
    return (qs.select_related("first_proposer__person", "body", "session").defer("background", "suggestions")
            .prefetch_related(live_tasks_prefetch()))


LIST_VALUES = ("id", "version", "number_label", "title", "category", "status", "kind", "submitted_at", "due_on",
               "key_state")


def list_values(qs):
    """The list's columns as plain rows (the API's list: no model objects to build), proposer's name included."""
    return qs.values(*LIST_VALUES).annotate(proposer=Coalesce("first_proposer__person__name", "body__name", "joint_origin__proposers_label"))


def _live_units_sql(count: int) -> str:
    task, unit = HandlingTask._meta, HandlingUnit._meta
    column = {f.name: f.column for f in task.concrete_fields}
    return (f'SELECT t."{column["proposal"]}", t."{column["unit"]}", u."name", t."role", t."status" '  # noqa: S608
            f'FROM "{task.db_table}" t JOIN "{unit.db_table}" u ON u."id" = t."{column["unit"]}" '
            f'WHERE t."{column["proposal"]}" IN ({", ".join(["%s"] * count)}) AND t."status" <> %s ORDER BY t."id"')


def live_units_of(ids) -> dict:
    """{proposal id: [task rows]} for the proposals ``ids``, in one query.

    Written as SQL (table and column names from the models): it runs on every list page and the ORM spent ten times
    longer building this query than the database answering it (1.1 ms against 0.1 ms of CPU, bench/api_profile.py)."""
    units = defaultdict(list)
    if not ids:
        return units
    with connection.cursor() as cursor:
        cursor.execute(_live_units_sql(len(ids)), [*ids, TaskStatus.CANCELLED.value])
        for proposal_id, unit_id, name, role, status in cursor.fetchall():
            units[proposal_id].append({"proposal_id": proposal_id, "unit_id": unit_id, "unit__name": name,
                                       "role": role, "status": status})
    return units


def proposal_search(qs, *, organisation, q: str = "", status=None, category=None, session=None, kind=None, unit=None,  # noqa: C901 (one optional filter per query parameter)
                    key=None, overdue=False, submitter=None, year=None):
    """Filters of the lists; the tasks' subqueries are bounded to the organisation (their own index)."""
    q = (q or "").strip()
    if q:
        condition = Q(title__contains=q) | Q(number_label=q) | Q(first_proposer__person__name=q) | Q(body__name__contains=q)
        if q.isdigit():
            condition |= Q(number=int(q))
        qs = qs.filter(condition)
    if status:
        qs = qs.filter(status__in=status) if isinstance(status, (list, tuple, set, frozenset)) else qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    if session:
        qs = qs.filter(session=session)
    if kind:
        qs = qs.filter(kind=kind)
    if submitter:
        qs = qs.filter(submitter_kind=submitter)
    if year:
        qs = qs.filter(session__year=year)
    tasks = HandlingTask.objects.filter(organisation=organisation)
    if unit:
        qs = qs.filter(pk__in=tasks.filter(unit=unit).exclude(status=TaskStatus.CANCELLED).values("proposal_id"))
    if key:
        qs = qs.filter(key_state=key)
    if overdue:
        late = tasks.filter(status__in=OPEN_TASK_STATES, role__in=REPLYING_ROLES, due_on__lt=timezone.localdate())
        qs = qs.filter(pk__in=late.values("proposal_id"))
    return qs


def proposal_get_for_user(user, organisation, pk) -> Proposal:
    """A proposal the lists show the user (``proposals_visible_to``), with the joins of its page."""
    qs = proposals_visible_to(user, organisation).select_related(
        "first_proposer__person", "body", "session__term", "term", "merged_into", "key_leader", "organisation")
    return get_visible(qs, pk, organisation=organisation)


def proposal_by_reference(organisation, text: str, *, exclude=None) -> Proposal:
    """One proposal of the organisation by its number as printed, its number, or its exact title (to merge into,
    to award); a translated error when none or several match."""
    text = (text or "").strip()
    condition = Q(number_label=text) | Q(title=text)
    if text.isdigit():
        condition |= Q(number=int(text))
    qs = Proposal.objects.filter(organisation=organisation).filter(condition)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    found = list(qs[:2])
    if len(found) != 1:
        raise DomainError(gettext("No single proposal matches “%(text)s”: give its number as printed, e.g. 八届二次第0012号.")
                          % {"text": text}, errors={"target": gettext("Not found.")})
    return found[0]


def proposal_by_id(organisation, pk, *, exclude=None) -> Proposal:
    """One proposal of the organisation by its id (chosen from a list, to merge into); a translated error otherwise."""
    qs = Proposal.objects.filter(organisation=organisation, pk=pk)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    found = qs.first()
    if found is None:
        raise DomainError(gettext("This proposal cannot be found in this committee."), errors={"target": gettext("Not found.")})
    return found


def tasks_visible_to(user, organisation):
    """Tasks of the organisation: all of them for the office; a unit's own once confirmed (never a pending or
    withdrawn one, as on its workbench); the tasks of a proposal the user signs."""
    qs = HandlingTask.objects.filter(organisation=organisation)
    if permissions.sees_all(user, organisation):
        return qs
    condition = Q(pk__in=[])
    units = permissions.unit_ids(user, organisation)
    if units:
        condition |= Q(unit_id__in=units) & ~Q(status__in=[TaskStatus.CANCELLED, TaskStatus.PENDING])
    seat = core.current_member(user, organisation)
    bodies = core.body_ids_of(user, organisation)
    signs = Q(pk__in=[])
    if seat is not None:
        signs |= Q(member=seat)
    if bodies:
        signs |= Q(role=SignerRole.BODY, body_id__in=bodies)
    if seat is not None or bodies:
        condition |= Q(proposal_id__in=ProposalSigner.objects.filter(signs).values("proposal_id"))
    return qs.filter(condition)


def task_get_for_user(user, organisation, pk) -> HandlingTask:
    """A task for its unit's staff, for the office, or for the proposal's signers."""
    qs = tasks_visible_to(user, organisation).select_related("proposal", "unit", "organisation")
    return get_visible(qs, pk, organisation=organisation)


def is_insider(user, proposal) -> bool:
    """Office staff and leaders, or a unit handling the proposal (its task confirmed: the lists' rule, never a
    pending or cancelled one): they see replies before they are accepted."""
    if permissions.sees_all(user, proposal.organisation):
        return True
    units = permissions.unit_ids(user, proposal.organisation)
    return bool(units) and proposal.tasks.filter(unit_id__in=units).exclude(
        status__in=[TaskStatus.CANCELLED, TaskStatus.PENDING]).exists()


def may_see_reply(user, reply, *, insider=None) -> bool:
    """Proposers see a reply once the office has accepted it."""
    if reply.accepted_at is not None:
        return True
    return insider if insider is not None else is_insider(user, reply.task.proposal)


def signers_of(proposal):
    return list(proposal.signers.select_related("member__person", "body", "merged_from"))


def tasks_of(proposal):
    return list(
        proposal.tasks.select_related("unit").prefetch_related("contacts", "replies", "ratings__signer__member__person")
        .order_by("id")
    )


def timeline(proposal):
    return list(proposal.events.select_related("actor__person", "task__unit").order_by("created_at", "id"))


# --- the unit's workbench -------------------------------------------------------------------------------------------


def unit_tasks(user, organisation):
    """The tasks of the user's units (never another unit's), nearest due date first."""
    units = permissions.unit_ids(user, organisation)
    return (
        HandlingTask.objects.filter(organisation=organisation, unit_id__in=units)
        .exclude(status__in=[TaskStatus.CANCELLED, TaskStatus.PENDING])
        .select_related("unit", "proposal__first_proposer__person", "proposal__body")
        .order_by("due_on", "id")
    )


def assignments_to_confirm(user, organisation):
    """Assignments waiting for the Party/government office's confirmation (its page and its to-do count)."""
    return proposals_visible_to(user, organisation).filter(status=ProposalStatus.CONFIRMING)


def assigned_tasks(unit):
    """The unit's assignments in force and still being handled (what its 交办单 lists)."""
    return list(HandlingTask.objects.filter(unit=unit, status__in=OPEN_TASK_STATES)
                .select_related("proposal__first_proposer__person", "proposal__body")
                .order_by("proposal__number", "pk"))


def awaiting_receipt(user, organisation):
    """The unit's assignments in force whose receipt (回执) it has not confirmed yet."""
    return unit_tasks(user, organisation).filter(receipt_confirmed_at__isnull=True, status__in=OPEN_TASK_STATES)


def unit_task_filter(qs, *, state: str = "", q: str = ""):
    today = timezone.localdate()
    if state == "open":
        qs = qs.filter(status__in=OPEN_TASK_STATES)
    elif state == "overdue":
        qs = qs.filter(status__in=OPEN_TASK_STATES, role__in=REPLYING_ROLES, due_on__lt=today)
    elif state == "signoff":
        qs = qs.filter(status=TaskStatus.SIGNOFF)
    elif state == "countersign":
        qs = qs.filter(status=TaskStatus.INPUT_SENT, proposal__tasks__status=TaskStatus.COUNTERSIGNING).distinct()
    elif state == "done":
        qs = qs.filter(status__in=[*REPLIED_TASK_STATES, TaskStatus.COUNTERSIGNED])
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(proposal__title__contains=q) | Q(proposal__number_label=q))
    return qs


# --- the office's queues --------------------------------------------------------------------------------------------


def office_tasks(organisation):
    return HandlingTask.objects.filter(organisation=organisation).select_related("unit", "proposal")


def replies_to_review(organisation):
    return office_tasks(organisation).filter(status=TaskStatus.REPLIED).order_by("replied_at", "id")


def objections(organisation):
    return office_tasks(organisation).filter(status=TaskStatus.OBJECTED).order_by("objected_at", "id")


def extension_requests(organisation):
    return office_tasks(organisation).filter(extension_requested__gt=0).exclude(status=TaskStatus.CANCELLED)


def counts_for_office(organisation) -> dict:
    """One query per table for the office's to-do items."""
    proposals = Proposal.objects.filter(organisation=organisation).aggregate(
        prereview=Count("pk", filter=Q(status=ProposalStatus.SUBMITTED)),
        review=Count("pk", filter=Q(status=ProposalStatus.REVIEWING)),
        assign=Count("pk", filter=Q(status=ProposalStatus.REGISTERED)),
        close=Count("pk", filter=Q(status=ProposalStatus.EVALUATING, rating_due_on__lt=timezone.localdate())),
    )
    tasks = HandlingTask.objects.filter(organisation=organisation).aggregate(
        replies=Count("pk", filter=Q(status=TaskStatus.REPLIED)),
        objections=Count("pk", filter=Q(status=TaskStatus.OBJECTED)),
        extensions=Count("pk", filter=Q(extension_requested__gt=0) & ~Q(status=TaskStatus.CANCELLED)),
    )
    return {**proposals, **tasks}


# --- supervision ------------------------------------------------------------------------------------------------------


#: The worst rating first: a reply counts as the least satisfied of its proposers' ratings.
_WORST_FIRST = [Satisfaction.DISSATISFIED, Satisfaction.BASICALLY, Satisfaction.SATISFIED]
_RATING_KEYS = {Satisfaction.SATISFIED: "satisfied", Satisfaction.BASICALLY: "basically",
                Satisfaction.DISSATISFIED: "dissatisfied"}


def _reply_satisfaction(tasks) -> dict:
    """{unit id: {"satisfied": n, "basically": n, "dissatisfied": n}} counted per reply (task), not per rating: the
    ratings of its latest round, the least satisfied one deciding (a proposal with 3 proposers is one reply)."""
    latest: dict[int, tuple] = {}
    for row in Rating.objects.filter(task__in=tasks).values("task_id", "task__unit_id", "round", "value"):
        seen = latest.get(row["task_id"])
        if seen is None or row["round"] > seen[1] or (
                row["round"] == seen[1] and _WORST_FIRST.index(row["value"]) < _WORST_FIRST.index(seen[2])):
            latest[row["task_id"]] = (row["task__unit_id"], row["round"], row["value"])
    result: dict[int, dict] = {}
    for unit_id, _round, value in latest.values():
        counts = result.setdefault(unit_id, {"satisfied": 0, "basically": 0, "dissatisfied": 0})
        counts[_RATING_KEYS[value]] += 1
    return result


def supervision_by_unit(organisation, *, year=None):
    """Per handling unit: replying tasks assigned, replied, open, overdue, and the proposers' ratings; 办复率 is
    replied / assigned. One query for the tasks, one for the ratings."""
    tasks = HandlingTask.objects.filter(organisation=organisation, role__in=REPLYING_ROLES).exclude(
        status__in=[TaskStatus.CANCELLED, TaskStatus.PENDING])
    if year:
        tasks = tasks.filter(proposal__session__year=year)
    today = timezone.localdate()
    rows = {
        r["unit_id"]: r for r in tasks.values("unit_id").annotate(
            assigned=Count("pk"),
            replied=Count("pk", filter=Q(status__in=REPLIED_TASK_STATES)),
            open=Count("pk", filter=Q(status__in=OPEN_TASK_STATES)),
            overdue=Count("pk", filter=Q(status__in=OPEN_TASK_STATES, due_on__lt=today)),
        )
    }
    by_unit_ratings = _reply_satisfaction(tasks)
    result = []
    for unit in HandlingUnit.objects.filter(organisation=organisation, pk__in=list(rows)).order_by("sort_order", "pk"):
        row = rows[unit.pk]
        rated = by_unit_ratings.get(unit.pk, {})
        total_rated = sum(rated.get(k, 0) for k in ("satisfied", "basically", "dissatisfied"))
        result.append({
            "unit": unit, **{k: row[k] for k in ("assigned", "replied", "open", "overdue")},
            "rate": row["replied"] / row["assigned"] if row["assigned"] else 0,
            "satisfied": rated.get("satisfied", 0), "basically": rated.get("basically", 0),
            "dissatisfied": rated.get("dissatisfied", 0),
            "satisfaction": (rated.get("satisfied", 0) + rated.get("basically", 0)) / total_rated if total_rated else None,
        })
    return result


def overdue_tasks(organisation):
    return office_tasks(organisation).filter(
        status__in=OPEN_TASK_STATES, role__in=REPLYING_ROLES, due_on__lt=timezone.localdate()
    ).select_related("proposal__first_proposer__person", "proposal__body").order_by("due_on", "id")


def key_proposals(organisation):
    return with_list_joins(
        Proposal.objects.filter(organisation=organisation).exclude(key_state=KeyState.NONE)
        .select_related("key_leader").prefetch_related("key_leaders").order_by("-key_state", "-registered_at")
    )


# --- publication --------------------------------------------------------------------------------------------------------


def is_public(proposal) -> bool:
    if proposal.status not in REGISTERED_STATES:
        return False
    if proposal.publication:
        return proposal.publication == Publication.PUBLIC
    return bool(setting(proposal.organisation, "publish_registered"))


def public_proposals(organisation):
    """Registered proposals the organisation publishes: by its setting, unless a proposal overrides it."""
    qs = Proposal.objects.filter(organisation=organisation, status__in=REGISTERED_STATES)
    if setting(organisation, "publish_registered"):
        qs = qs.exclude(publication=Publication.HIDDEN)
    else:
        qs = qs.filter(publication=Publication.PUBLIC)
    return qs.select_related("first_proposer__person", "body", "session").order_by("-registered_at", "-id")


def publishing_organisations() -> list:
    """The committees whose public list shows something, in one query: a registered proposal that is not hidden
    where the committee publishes by its setting, or one made public on its own elsewhere."""
    registered = Proposal.objects.filter(organisation=OuterRef("pk"), status__in=REGISTERED_STATES)
    orgs = list(Organisation.objects.filter(is_active=True).annotate(
        any_shown=Exists(registered.exclude(publication=Publication.HIDDEN)),
        any_public=Exists(registered.filter(publication=Publication.PUBLIC)),
    ).order_by("path"))
    by_id = {org.pk: org for org in orgs}
    for org in orgs:  # the inherited setting is read from the parents fetched here, with no query per committee
        if org.parent_id in by_id:
            org.parent = by_id[org.parent_id]
    return [org for org in orgs if org.any_public or (org.any_shown and setting(org, "publish_registered"))]


# --- member letters -----------------------------------------------------------------------------------------------------


def letters_visible_to(user, organisation):
    qs = MemberLetter.objects.filter(organisation=organisation).select_related("proposal", "unit")
    if permissions.sees_all(user, organisation):
        return qs
    condition = Q(proposal__in=mine(user, organisation))
    units = permissions.unit_ids(user, organisation)
    if units:
        condition |= Q(unit_id__in=units, status__in=[LetterStatus.FORWARDED, LetterStatus.ANSWERED])
    return qs.filter(condition)


def converted_report(user, organisation, proposal):
    """The 社情民意 report a proposal was converted into, when the user may open it (else None)."""
    from django.contrib.contenttypes.models import ContentType

    from zhengxie.opinions.selectors import reports_visible_to

    if proposal.status != ProposalStatus.CONVERTED or proposal.conversion_target != ConversionTarget.OPINION:
        return None
    return reports_visible_to(user, organisation).filter(
        converted_from_type=ContentType.objects.get_for_model(Proposal), converted_from_id=str(proposal.pk)).first()


# --- joint proposals of committees (联合提案) ------------------------------------------------------------------------


def joint_proposals_visible_to(user, organisation):
    """The joint proposals a committee's proposal office and leaders follow: those it drafts (drafts included),
    those it was invited to co-sign, and those sent to it as the higher committee. Another committee's joint
    proposal never appears, nor a draft to anyone but its drafting committee."""
    from .choices import JointSignerStatus, JointStatus

    qs = JointProposal.objects.select_related("organisation", "target", "proposal")
    if organisation is None or not permissions.sees_joint(user, organisation):
        return qs.none()
    invited = (JointSigner.objects.filter(organisation=organisation).exclude(status=JointSignerStatus.SELECTED)
               .values("joint_id"))
    return qs.filter(Q(organisation=organisation) | Q(pk__in=invited)
                     | Q(target=organisation, status__in=[JointStatus.SENT, JointStatus.RECEIVED]))


def joint_get_for_user(user, organisation, pk) -> JointProposal:
    return get_visible(joint_proposals_visible_to(user, organisation), pk, organisation=organisation)


def joints_to_cosign(user, organisation):
    """Invitations to co-sign waiting for this committee's office (its to-do and its tab)."""
    from .choices import JointSignerStatus, JointStatus

    if not permissions.can_draft_joint(user, organisation):
        return JointProposal.objects.none()
    waiting = JointSigner.objects.filter(organisation=organisation, status=JointSignerStatus.INVITED).values("joint_id")
    return joint_proposals_visible_to(user, organisation).filter(pk__in=waiting, status=JointStatus.COSIGNING)


def joints_to_receive(user, organisation):
    """Joint proposals of lower committees sent to this committee, waiting for its office's receipt."""
    from .choices import JointStatus

    if not permissions.is_office(user, organisation):
        return JointProposal.objects.none()
    return joint_proposals_visible_to(user, organisation).filter(target=organisation, status=JointStatus.SENT)


def joints_for_api(joints):
    """Joint proposals (a queryset or a page of rows) with what their answer shows loaded in a fixed number of
    queries, whatever their number: signers, files, the proposal of the higher committee with its tasks, replies
    and ratings."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import prefetch_related_objects

    from zhengxie.core.models import Attachment

    rows = list(joints)
    prefetch_related_objects(
        rows, Prefetch("signers", queryset=JointSigner.objects.select_related("organisation")), "alliance",
        "proposal__signers",
        Prefetch("proposal__tasks", queryset=HandlingTask.objects.select_related("unit").order_by("id")),
        "proposal__tasks__replies",
        Prefetch("proposal__tasks__ratings", queryset=Rating.objects.select_related("signer__committee", "task__unit")))
    files = defaultdict(list)
    if rows:
        kind = ContentType.objects.get_for_model(JointProposal)
        for attachment in Attachment.objects.filter(content_type=kind, object_id__in=[str(j.pk) for j in rows]).order_by("id"):
            files[attachment.object_id].append(attachment)
    for joint in rows:
        joint.files = files[str(joint.pk)]
    return rows


def joint_signers_of(joint):
    return list(joint.signers.select_related("organisation", "responded_by"))


def joint_timeline(joint):
    return list(joint.events.select_related("actor").order_by("created_at", "id"))


def joint_progress(joint) -> dict:
    """What the co-proposing committees see of the proposal once the higher committee received it: its state and
    number, its history, the handling units and the replies sent to the proposers (read-only)."""
    proposal = joint.proposal
    if proposal is None:
        return {}
    tasks = list(proposal.tasks.exclude(status=TaskStatus.CANCELLED).select_related("unit")
                 .prefetch_related("replies").order_by("id"))
    replies = [reply for task in tasks for reply in task.replies.all() if reply.accepted_at is not None]
    ratings = list(Rating.objects.filter(task__proposal=proposal, signer__committee__isnull=False)
                   .select_related("signer__committee", "task__unit").order_by("task_id", "round", "signer__position"))
    return {"proposal": proposal, "events": timeline(proposal), "tasks": tasks, "replies": replies,
            "ratings": ratings}


def joint_rating_of(joint, organisation, progress=None) -> dict:
    """What ``organisation``'s proposal office may rate on the joint proposal: its committee's signature on the
    proposal of the higher committee, the replies waiting for its rating (this round), and those it rated."""
    progress = progress if progress is not None else joint_progress(joint)
    proposal = progress.get("proposal")
    if proposal is None or organisation is None:
        return {}
    signer = proposal.signers.filter(role=SignerRole.COMMITTEE, committee=organisation,
                                     status=SignerStatus.CONFIRMED).first()
    if signer is None:
        return {}
    rated = {(r.task_id, r.round) for r in progress["ratings"] if r.signer_id == signer.pk}
    ratable = [t for t in progress["tasks"] if t.role in REPLYING_ROLES and t.status == TaskStatus.ACCEPTED]
    waiting = [t for t in ratable if (t.pk, t.round) not in rated] if proposal.status == ProposalStatus.EVALUATING else []
    return {"signer": signer, "waiting": waiting, "due_on": proposal.rating_due_on,
            "mine": [r for r in progress["ratings"] if r.signer_id == signer.pk]}


def joints_to_rate(user, organisation):
    """Joint proposals whose replies wait for this committee's rating (its proposal office's to-do and tab)."""
    if not permissions.can_draft_joint(user, organisation):
        return JointProposal.objects.none()
    rated = Rating.objects.filter(task=OuterRef("pk"), signer=OuterRef(OuterRef("pk")), round=OuterRef("round"))
    unrated = HandlingTask.objects.filter(proposal=OuterRef("proposal"), status=TaskStatus.ACCEPTED,
                                          role__in=REPLYING_ROLES).exclude(Exists(rated))
    mine = ProposalSigner.objects.filter(role=SignerRole.COMMITTEE, committee=organisation, status=SignerStatus.CONFIRMED,
                                         proposal__status=ProposalStatus.EVALUATING).filter(Exists(unrated))
    return joint_proposals_visible_to(user, organisation).filter(proposal_id__in=mine.values("proposal_id"))


def joint_higher_committees(organisation):
    """Where a committee sends a joint proposal within the deployment: the committees above it."""
    return organisation.ancestors() if organisation is not None else Organisation.objects.none()


def joint_cosigning_committees(organisation):
    """The committees of the deployment that may co-sign with ``organisation``: any other one but those above it
    (where a joint proposal goes)."""
    above = [o.pk for o in organisation.ancestors()]
    return Organisation.objects.exclude(pk__in=[organisation.pk, *above]).order_by("path")
