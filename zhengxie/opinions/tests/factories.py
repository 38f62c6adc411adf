"""Helpers that walk reports through the services, as the users would, for the tests of the opinions app."""

from zhengxie.opinions import bulletins, services
from zhengxie.opinions.models import Report

TEXT = ("近年来，我区农村留守老人逐年增多，村级互助养老服务站点覆盖不足，部分站点建成后因缺少运营经费而闲置。\n"
        "建议：一是将互助养老站点运营经费纳入财政预算；二是引导社会组织参与运营；三是建立志愿服务积分制度。")


def submit(world, who: str = "county_member", *, title: str = "关于加强农村互助养老服务的建议", text: str = TEXT,
           category: str = "社会保障", **kwargs) -> Report:
    user = world.users[who]
    return services.report_submit(actor=user, organisation=user.default_organisation, title=title, text=text,
                                  category=category, **kwargs)


def edit(world, report: Report, level: str | None = None) -> Report:
    """Accept and edit at the report's level (``level`` names the world's organisation key)."""
    office = world.users[f"{level or _key(world, report)}_info"]
    report = services.report_accept(actor=office, report=report)
    return services.report_edit(actor=office, report=report, title=report.title,
                                text=report.text.replace("近年来，", "近年来，据调查，"), category=report.category)


def publish(world, report: Report) -> Report:
    """Accept, edit, place in a new issue, submit it and have a leader sign it off."""
    key = _key(world, report)
    office, leader = world.users[f"{key}_info"], world.users[f"{key}_leader"]
    report = edit(world, report, key)
    issue = bulletins.bulletin_create(actor=office, organisation=report.organisation)
    bulletins.bulletin_place(actor=office, bulletin=issue, reports=[report])
    bulletins.bulletin_submit(actor=office, bulletin=issue)
    bulletins.bulletin_sign_off(actor=leader, bulletin=issue)
    return Report.objects.get(pk=report.pk)


def climb(world, report: Report) -> Report:
    """Publish at the report's level and forward it: the record the level above receives."""
    report = publish(world, report)
    return services.report_forward(actor=world.users[f"{_key(world, report)}_info"], report=report)


def _key(world, report) -> str:
    return next(key for key, org in world.orgs.items() if org.pk == report.organisation_id)
