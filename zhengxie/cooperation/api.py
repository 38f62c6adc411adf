"""The API of the think tank and of joint work: experts (the offices), an expert's own invitations and answer (the
experts' phones), alliances and joint activities (the organising committees). Every call acts in one organisation
(``X-Organisation``) and calls the same services as the pages."""

import datetime as dt

from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from zhengxie.api.common import Id, PageNumbers, Rows, active_organisation, errors, require
from zhengxie.core.masking import mask_phone
from zhengxie.core.models import Organisation

from . import permissions, selectors, services
from .models import Expert, ExpertInvitation, JointActivity

router = Router(tags=["cooperation"])


# --- schemas -----------------------------------------------------------------------------------------------------------


class CooperationExpertOut(Schema):
    id: int
    name: str
    field: str
    employer: str
    title: str
    phone: str  # masked unless the user is the office's administrator or the expert
    alliances: list[str]
    has_account: bool
    is_active: bool
    version: int


class CooperationExpertIn(Schema):
    name: str
    field: str
    employer: str = ""
    title: str = ""
    phone: str = ""
    email: str = ""
    alliance_ids: list[Id] = []


class CooperationExpertFilter(Schema):
    field: str = ""
    q: str = ""


class CooperationInvitationOut(Schema):
    id: int
    activity_id: int
    activity_title: str
    activity_type: str
    location: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    response: str
    response_label: str
    attended: bool
    joint_activity_id: int | None
    joint_report_title: str
    version: int


class CooperationAnswerIn(Schema):
    accept: bool
    version: int | None = None


class CooperationMemberOut(Schema):
    name: str
    outside: bool
    organisation_id: int | None


class CooperationAllianceOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    founded_on: dt.date | None
    members: list[CooperationMemberOut]
    hosts: dict[int, str]


class CooperationOrganiserOut(Schema):
    organisation_id: int
    organisation: str
    is_lead: bool
    activity_id: int | None


class CooperationJointOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    place: str
    starts_on: dt.date
    ends_on: dt.date
    alliance_id: int | None
    status: str
    status_label: str
    version: int


class CooperationJointDetailOut(CooperationJointOut):
    description: str
    organisers: list[CooperationOrganiserOut]
    outside_partners: str
    report_title: str
    report_text: str
    reported_at: dt.datetime | None


class CooperationJointIn(Schema):
    kind: str
    title: str
    starts_on: dt.date
    ends_on: dt.date
    place: str = ""
    description: str = ""
    alliance_id: Id | None = None
    co_organiser_ids: list[Id] = []
    outside_partners: str = ""


class CooperationReportIn(Schema):
    title: str
    text: str
    version: int | None = None


class CooperationJointFilter(Schema):
    kind: str = ""
    status: str = ""
    q: str = ""


# --- helpers -----------------------------------------------------------------------------------------------------------


def _expert_out(e: Expert, *, unmasked: bool) -> dict:
    return {"id": e.pk, "name": e.name, "field": e.field, "employer": e.employer, "title": e.title,
            "phone": e.phone if unmasked else mask_phone(e.phone), "alliances": [a.name for a in e.alliances.all()],
            "has_account": e.user_id is not None, "is_active": e.is_active, "version": e.version}


def _invitation_out(i: ExpertInvitation) -> dict:
    joint = selectors.joint_of_loaded_activity(i.activity)
    reported = joint is not None and joint.status == "reported"
    return {"id": i.pk, "activity_id": i.activity_id, "activity_title": i.activity.title,
            "activity_type": i.activity.type, "location": i.activity.location, "starts_at": i.activity.starts_at,
            "ends_at": i.activity.ends_at, "response": i.response, "response_label": i.get_response_display(),
            "attended": i.attended, "joint_activity_id": joint.pk if joint else None,
            "joint_report_title": joint.report_title if reported else "", "version": i.version}


def _joint_out(j: JointActivity) -> dict:
    return {"id": j.pk, "kind": j.kind, "kind_label": j.get_kind_display(), "title": j.title, "place": j.place,
            "starts_on": j.starts_on, "ends_on": j.ends_on, "alliance_id": j.alliance_id, "status": j.status,
            "status_label": j.get_status_display(), "version": j.version}


def _joint_detail(request, joint_id: int) -> dict:
    joint = selectors.joint_get_for_user(request.user, active_organisation(request), joint_id)
    return {**_joint_out(joint), "description": joint.description, "outside_partners": joint.outside_partners,
            "report_title": joint.report_title, "report_text": joint.report_text, "reported_at": joint.reported_at,
            "organisers": [{"organisation_id": o.organisation_id, "organisation": o.organisation.short_name,
                            "is_lead": o.is_lead, "activity_id": o.activity_id} for o in selectors.organisers_of(joint)]}


# --- experts -----------------------------------------------------------------------------------------------------------


@router.get("/experts", response={200: list[CooperationExpertOut], **errors()}, summary="Think-tank experts",
            description="The organisation's active experts, for its offices and leaders; phones masked except for "
                        "the office's administrator.")
@paginate(PageNumbers)
def expert_list(request, filters: Query[CooperationExpertFilter]):
    org = require(request, permissions.sees_cooperation)
    unmasked = permissions.sees_contacts(request.user, org)
    qs = selectors.expert_search(selectors.experts_visible_to(request.user, org), field=filters.field, q=filters.q)
    return Rows(qs.prefetch_related("alliances"), lambda rows: [_expert_out(e, unmasked=unmasked) for e in rows])


@router.get("/experts/{expert_id}", response={200: CooperationExpertOut, **errors(404)}, summary="One expert")
def expert_detail(request, expert_id: Id):
    org = active_organisation(request)
    expert = selectors.expert_get_for_user(request.user, org, expert_id)
    return _expert_out(expert, unmasked=permissions.sees_contacts(request.user, org) or expert.user_id == request.user.pk)


@router.post("/experts", response={201: CooperationExpertOut, **errors(404)}, summary="Add an expert")
def expert_create(request, payload: CooperationExpertIn):
    org = require(request, permissions.can_manage_experts)
    expert = services.expert_create(actor=request.user, organisation=org, data=payload.dict(),
                                    alliances=payload.alliance_ids)
    return Status(201, _expert_out(expert, unmasked=permissions.sees_contacts(request.user, org)))


# --- an expert's invitations -------------------------------------------------------------------------------------------


@router.get("/invitations", response={200: list[CooperationInvitationOut], **errors()},
            summary="Experts' invitations",
            description="An expert: their own invitations (never to a draft). The offices and leaders: every "
                        "expert's invitation to the organisation's activities.")
@paginate(PageNumbers)
def invitation_list(request):
    org = require(request, lambda u, o: permissions.is_expert(u, o) or permissions.sees_cooperation(u, o))
    return Rows(selectors.invitations_visible_to(request.user, org), lambda rows: [_invitation_out(i) for i in rows])


@router.post("/invitations/{invitation_id}/answer", response={200: CooperationInvitationOut, **errors(404, 409)},
             summary="Accept or decline an invitation")
def invitation_answer(request, invitation_id: Id, payload: CooperationAnswerIn):
    org = active_organisation(request)
    invitation = selectors.invitation_get_for_user(request.user, org, invitation_id)
    invitation = services.invitation_answer(actor=request.user, invitation=invitation, accept=payload.accept,
                                            version=payload.version)
    return _invitation_out(invitation)


# --- alliances and joint activities ------------------------------------------------------------------------------------


@router.get("/alliances", response={200: list[CooperationAllianceOut], **errors()},
            summary="Alliances and mechanisms the committee belongs to")
def alliance_list(request):
    org = require(request, permissions.sees_cooperation)
    alliances = selectors.alliances_visible_to(request.user, org).prefetch_related(
        "members__committee", "members__outside", "rota__host__committee", "rota__host__outside")
    return [{"id": a.pk, "name": a.name, "kind": a.kind, "kind_label": a.get_kind_display(), "founded_on": a.founded_on,
             "members": [{"name": m.name, "outside": m.is_outside, "organisation_id": m.committee_id}
                         for m in a.members.all()],
             "hosts": {t.year: t.host.name for t in a.rota.all()}} for a in alliances]


@router.get("/joint", response={200: list[CooperationJointOut], **errors()}, summary="Joint activities",
            description="Those the committee leads or co-organises, for its offices and leaders.")
@paginate(PageNumbers)
def joint_list(request, filters: Query[CooperationJointFilter]):
    org = require(request, permissions.sees_cooperation)
    qs = selectors.joint_search(selectors.joints_visible_to(request.user, org), kind=filters.kind,
                                status=filters.status, q=filters.q)
    return Rows(qs.order_by("-starts_on", "-id"), lambda rows: [_joint_out(j) for j in rows])


@router.get("/joint/{joint_id}", response={200: CooperationJointDetailOut, **errors(404)},
            summary="One joint activity, with its organisers and its outcome report")
def joint_detail(request, joint_id: Id):
    return _joint_detail(request, joint_id)


@router.post("/joint", response={201: CooperationJointDetailOut, **errors(404)},
             summary="Create a joint activity with co-organisers")
def joint_create(request, payload: CooperationJointIn):
    org = require(request, permissions.can_create_joint)
    alliance = (selectors.alliances_visible_to(request.user, org).filter(pk=payload.alliance_id).first()
                if payload.alliance_id else None)
    co = list(Organisation.objects.filter(pk__in=payload.co_organiser_ids))
    joint = services.joint_create(actor=request.user, organisation=org, kind=payload.kind, title=payload.title,
                                  starts_on=payload.starts_on, ends_on=payload.ends_on, place=payload.place,
                                  description=payload.description, alliance=alliance, co_organisers=co,
                                  outside_partners=payload.outside_partners)
    return Status(201, _joint_detail(request, joint.pk))


@router.post("/joint/{joint_id}/report", response={200: CooperationJointDetailOut, **errors(404, 409)},
             summary="File (or correct) the outcome report")
def joint_report(request, joint_id: Id, payload: CooperationReportIn):
    joint = selectors.joint_get_for_user(request.user, active_organisation(request), joint_id)
    services.joint_report(actor=request.user, joint=joint, title=payload.title, text=payload.text,
                          version=payload.version)
    return _joint_detail(request, joint_id)
