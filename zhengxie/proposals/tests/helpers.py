"""Build proposals in any state through the real services (so every test walks real transitions).

    p = registered(world)                 # a city proposal by city_member, registered by city_proposal
    p, tasks = handling(world, mode="joint")
"""

import datetime as dt

from django.utils import timezone

from zhengxie.core.choices import Role
from zhengxie.core.tests.factories import staff_user
from zhengxie.proposals import services
from zhengxie.proposals.choices import AssignmentMode, ContactWay, TaskRole
from zhengxie.proposals.models import HandlingTask, Proposal

CONTENT = {
    "title": "关于加快构建现代工业体系推动制造业高质量发展的建议",
    "category": "经济建设",
    "background": "我市工业基础薄弱，产业链条短，龙头企业带动作用不强。",
    "suggestions": "一是培育龙头企业；二是延伸产业链条；三是优化营商环境。",
}


def fresh(proposal) -> Proposal:
    return Proposal.objects.get(pk=proposal.pk)


def draft(world, author="city_member", *, cosigners=(), org="city", body=None, **content) -> Proposal:
    user = world.users[author]
    proposal = services.proposal_create(actor=user, organisation=world.orgs[org], data={**CONTENT, **content},
                                        body=world.bodies[body] if body else None)
    for name in cosigners:
        services.proposal_signer_add(actor=user, proposal=proposal, member=world.members[name])
    return fresh(proposal)


def submitted(world, author="city_member", **kwargs) -> Proposal:
    proposal = draft(world, author, **kwargs)
    services.proposal_submit(actor=world.users[author], proposal=proposal)
    proposal = fresh(proposal)
    for signer in proposal.signers.filter(status="invited").select_related("member__person__user"):
        services.proposal_cosign(actor=signer.member.person.user, proposal=proposal, agree=True)
    return fresh(proposal)


def reviewing(world, **kwargs) -> Proposal:
    proposal = submitted(world, **kwargs)
    org = proposal.organisation
    office = world.users[f"{_slug(world, org)}_proposal"]
    services.proposal_prereview(actor=office, proposal=proposal)
    return fresh(proposal)


def registered(world, **kwargs) -> Proposal:
    proposal = reviewing(world, **kwargs)
    services.proposal_register(actor=world.users[f"{_slug(world, proposal.organisation)}_proposal"], proposal=proposal)
    return fresh(proposal)


def handling(world, mode=AssignmentMode.SOLE, **kwargs):
    """A city proposal assigned: sole → unit0; split → unit0 and unit1; joint → unit0 leads, unit1 co-handles."""
    proposal = registered(world, **kwargs)
    units = [world.city_unit0] if mode != AssignmentMode.SPLIT else [world.city_unit0, world.city_unit1]
    co = [world.city_unit1] if mode == AssignmentMode.JOINT else []
    services.proposal_assign(actor=world.city_proposal, proposal=proposal, mode=mode, lead_units=units, co_units=co)
    proposal = fresh(proposal)
    return proposal, list(proposal.tasks.order_by("id"))


def task_of(proposal, unit) -> HandlingTask:
    return proposal.tasks.exclude(status="cancelled").get(unit=unit)


def unit1_leader(world):
    return staff_user(world.city, Role.UNIT_LEADER, "city_unitlead2", handling_unit=world.city_unit1)


def reply(world, task, *, staff="city_unit", leader="city_unitlead", category="A", text="经研究，答复如下：……"):
    """Contact, draft, submit and sign off the reply of a sole/split/lead task (co-handlers countersign first)."""
    staff_user_ = world.users[staff] if isinstance(staff, str) else staff
    services.task_contact_add(actor=staff_user_, task=task, contacted_on=timezone.localdate() - dt.timedelta(days=1),
                              way=ContactWay.VISIT, notes="与提案人当面沟通办理思路。")
    services.reply_save(actor=staff_user_, task=task, text=text, category=category, contact_name="王科长",
                        contact_phone="0938-8211234")
    services.reply_submit(actor=staff_user_, task=HandlingTask.objects.get(pk=task.pk))
    task = HandlingTask.objects.get(pk=task.pk)
    if task.role == TaskRole.LEAD:
        for co in task.proposal.tasks.filter(role=TaskRole.CO).exclude(status="cancelled"):
            co_staff = world.city_unit2
            if co.status == "handling":
                services.task_input_send(actor=co_staff, task=co, text="我局无补充意见。")
            services.task_countersign(actor=co_staff, task=HandlingTask.objects.get(pk=co.pk), agree=True)
    leader_user = world.users[leader] if isinstance(leader, str) else leader
    services.reply_sign_off(actor=leader_user, task=HandlingTask.objects.get(pk=task.pk))
    return HandlingTask.objects.get(pk=task.pk)


def evaluating(world, **kwargs):
    """A sole-unit city proposal whose reply the office accepted: waiting for ratings."""
    proposal, tasks = handling(world, **kwargs)
    task = reply(world, tasks[0])
    services.reply_accept(actor=world.city_proposal, task=task)
    return fresh(proposal), HandlingTask.objects.get(pk=task.pk)


def _slug(world, org) -> str:
    return next(k for k, v in world.orgs.items() if v.pk == org.pk)
