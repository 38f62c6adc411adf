"""The pages as each role sees them: who may open what, what the lists show, actions through HTTP, the
"just changed" message, and list pages whose query count does not grow with the rows."""

import pytest
from django.urls import reverse

from zhengxie.proposals import services, workbench
from zhengxie.proposals.choices import ProposalStatus
from zhengxie.proposals.models import Proposal

from .helpers import CONTENT, draft, evaluating, fresh, handling, registered, reviewing, submitted

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"proposals:{name}", args=args)


@pytest.mark.parametrize("name, allowed, refused", [
    ("list", ["city_member", "city_proposal", "city_unit", "city_leader", "city_partygov", "city_body"], []),
    ("new", ["city_member", "city_body"], ["city_proposal", "city_unit", "city_leader"]),
    ("review", ["city_proposal"], ["city_member", "city_unit", "city_leader", "city_admin"]),
    ("handling", ["city_proposal"], ["city_member", "city_unit", "city_partygov"]),
    ("workbench", ["city_unit", "city_unitlead", "city_unit2"], ["city_member", "city_proposal"]),
    ("supervision", ["city_proposal", "city_leader", "city_partygov"], ["city_member", "city_unit"]),
    ("key", ["city_proposal", "city_leader", "city_partygov"], ["city_member", "city_unit"]),
    ("awards", ["city_proposal", "city_leader"], ["city_member", "city_unit"]),
    ("letters", ["city_member", "city_proposal", "city_unit"], []),
])
def test_pages_by_role(world, client_as, name, allowed, refused):
    for user in allowed:
        assert client_as(world.users[user]).get(url(name)).status_code == 200, user
    for user in refused:
        assert client_as(world.users[user]).get(url(name)).status_code == 403, user


def test_anonymous_is_sent_to_login(client):
    assert client.get(url("list")).status_code == 302


def test_drafts_are_private(world, client_as):
    proposal = draft(world)
    assert client_as(world.city_member).get(url("detail", proposal.pk)).status_code == 200
    for user in ["city_member2", "city_proposal", "city_leader"]:
        assert client_as(world.users[user]).get(url("detail", proposal.pk)).status_code == 403
    assert client_as(world.county_member).get(url("detail", proposal.pk)).status_code == 404


def test_members_see_others_proposals_only_once_registered(world, client_as):
    proposal = reviewing(world)
    member2 = client_as(world.city_member2)
    assert member2.get(url("detail", proposal.pk)).status_code == 403
    assert proposal.title not in member2.get(url("list") + "?scope=all").content.decode()
    services.proposal_register(actor=world.city_proposal, proposal=proposal)
    assert member2.get(url("detail", proposal.pk)).status_code == 200
    assert proposal.title in member2.get(url("list") + "?scope=all").content.decode()


def test_a_unit_sees_only_what_is_assigned_to_it(world, client_as):
    proposal, (task,) = handling(world)
    assert client_as(world.city_unit).get(url("detail", proposal.pk)).status_code == 200
    assert client_as(world.city_unit2).get(url("detail", proposal.pk)).status_code == 403
    page = client_as(world.city_unit).get(url("workbench")).content.decode()
    assert proposal.title in page
    assert proposal.title not in client_as(world.city_unit2).get(url("workbench")).content.decode()


def test_another_organisations_proposals_never_appear(world, client_as):
    county = registered(world, author="county_member", org="county", title="关于秦州区老旧小区改造的建议")
    for user in ["city_proposal", "city_member", "city_leader", "province_proposal"]:
        client = client_as(world.users[user])
        assert county.title not in client.get(url("list") + "?scope=all").content.decode()
        assert client.get(url("detail", county.pk)).status_code == 404
    assert county.title not in client_as(world.city_proposal).get(url("review") + "?tab=registered").content.decode()


def test_write_and_submit_through_the_form(world, client_as):
    client = client_as(world.city_member)
    response = client.post(url("new"), {**CONTENT, "save": "1"})
    proposal = Proposal.objects.get(created_by=world.city_member)
    assert response.status_code == 302 and response["Location"] == url("edit", proposal.pk)
    response = client.post(url("edit", proposal.pk), {**CONTENT, "version": proposal.version, "submit": "1"})
    assert response["Location"] == url("detail", proposal.pk)
    assert fresh(proposal).status == ProposalStatus.SUBMITTED


def test_incomplete_submission_keeps_what_was_typed(world, client_as):
    client = client_as(world.city_member)
    proposal = draft(world, suggestions="")
    response = client.post(url("edit", proposal.pk), {**CONTENT, "suggestions": "", "title": "关于新的标题的建议",
                                                      "version": proposal.version, "submit": "1"}, follow=True)
    body = response.content.decode()
    assert "关于新的标题的建议" in body and fresh(proposal).status == ProposalStatus.DRAFT


def test_autosave_creates_then_saves_the_draft(world, client_as):
    client = client_as(world.city_member)
    response = client.post(url("autosave"), {"title": "关于养老服务体系建设的建议"}, HTTP_HX_REQUEST="true")
    proposal = Proposal.objects.get(created_by=world.city_member)
    assert response.status_code == 200 and response["HX-Replace-Url"] == url("edit", proposal.pk)
    assert f'value="{proposal.pk}"' in response.content.decode()
    client.post(url("autosave"), {"pk": proposal.pk, "title": "关于养老服务体系建设的建议", "background": "老龄化加速"},
                HTTP_HX_REQUEST="true")
    assert fresh(proposal).background == "老龄化加速"
    # another member cannot autosave into it
    other = client_as(world.city_member2).post(url("autosave"), {"pk": proposal.pk, "title": "x"}, HTTP_HX_REQUEST="true")
    assert other.status_code in (403, 404)
    assert fresh(proposal).title == "关于养老服务体系建设的建议"


def test_cosigner_search_and_add(world, client_as):
    proposal = draft(world)
    client = client_as(world.city_member)
    found = client.get(url("signers", proposal.pk) + "?q=" + world.members["city_member2"].person.name)
    assert world.members["city_member2"].person.name in found.content.decode()
    assert world.members["county_member"].person.name not in client.get(url("signers", proposal.pk) + "?q=秦州").content.decode()
    client.post(url("signers", proposal.pk), {"member": world.members["city_member2"].pk}, HTTP_HX_REQUEST="true")
    assert proposal.signers.filter(member=world.members["city_member2"]).exists()


def test_office_registers_from_the_detail_page(world, client_as):
    proposal = reviewing(world)
    client = client_as(world.city_proposal)
    page = client.get(url("detail", proposal.pk)).content.decode()
    assert url("action", proposal.pk, "register") in page
    response = client.post(url("action", proposal.pk, "register"), {"register-version": proposal.version})
    assert response.status_code == 302
    assert fresh(proposal).status == ProposalStatus.REGISTERED


def test_member_cannot_post_an_office_action(world, client_as):
    proposal = reviewing(world)
    response = client_as(world.city_member).post(url("action", proposal.pk, "register"), {"register-version": proposal.version})
    assert response.status_code == 403
    assert fresh(proposal).status == ProposalStatus.REVIEWING


def test_two_people_at_once_one_wins_the_other_is_told_it_just_changed(world, client_as):
    """Two office staff open the same proposal; the first registers it, the second (still on the old page) tries
    to return it: refused with the translated message, nothing half-written, the comment kept."""
    proposal = reviewing(world)
    from zhengxie.core.tests.factories import staff_user

    colleague = staff_user(world.city, "proposal_office", "city_proposal_b")
    first, second = client_as(world.city_proposal), client_as(colleague)
    seen = proposal.version
    assert first.post(url("action", proposal.pk, "register"), {"register-version": seen}).status_code == 302
    response = second.post(url("action", proposal.pk, "return"), {"return-version": seen, "return-comment": "请补充调研数据。"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "刚刚被其他人修改" in body
    assert "请补充调研数据。" in body  # what the colleague typed is kept
    proposal = fresh(proposal)
    assert proposal.status == ProposalStatus.REGISTERED
    assert not proposal.events.filter(action="return").exists()


def test_unit_replies_through_task_actions(world, client_as):
    proposal, (task,) = handling(world)
    unit = client_as(world.city_unit)
    page = unit.get(url("detail", proposal.pk)).content.decode()
    assert url("task_action", task.pk, "contact") in page
    prefix = f"t{task.pk}"
    unit.post(url("task_action", task.pk, "contact"), {f"{prefix}-contact-contacted_on": "2020-01-02",
                                                       f"{prefix}-contact-way": "phone", f"{prefix}-contact-notes": "电话面商"})
    unit.post(url("task_action", task.pk, "reply"), {f"{prefix}-reply-text": "答复正文", f"{prefix}-reply-category": "A"})
    task.refresh_from_db()
    unit.post(url("task_action", task.pk, "reply_submit"), {f"{prefix}-reply_submit-version": task.version})
    task.refresh_from_db()
    assert task.status == "signoff"
    response = unit.post(url("task_action", task.pk, "signoff"), {f"{prefix}-signoff-version": task.version,
                                                                 f"{prefix}-signoff-agree": "yes"})
    assert response.status_code == 403  # staff, not the unit's leader
    client_as(world.city_unitlead).post(url("task_action", task.pk, "signoff"), {
        f"{prefix}-signoff-version": task.version, f"{prefix}-signoff-agree": "yes"})
    task.refresh_from_db()
    assert task.status == "replied"


def test_proposer_rates_on_the_page(world, client_as):
    proposal, task = evaluating(world)
    client = client_as(world.city_member)
    page = client.get(url("detail", proposal.pk)).content.decode()
    assert url("task_action", task.pk, "rate") in page
    client.post(url("task_action", task.pk, "rate"), {f"t{task.pk}-rate-value": "satisfied"})
    assert task.ratings.get().value == "satisfied"


def test_reply_hidden_from_proposers_until_accepted(world, client_as):
    from .helpers import reply

    proposal, (task,) = handling(world)
    task = reply(world, task, text="尚未审核的答复内容")
    assert "尚未审核的答复内容" not in client_as(world.city_member).get(url("detail", proposal.pk)).content.decode()
    assert "尚未审核的答复内容" in client_as(world.city_proposal).get(url("detail", proposal.pk)).content.decode()
    reply_pk = task.replies.get().pk
    assert client_as(world.city_member).get(url("reply_letter", reply_pk, "docx")).status_code == 404
    services.reply_accept(actor=world.city_proposal, task=task)
    assert "尚未审核的答复内容" in client_as(world.city_member).get(url("detail", proposal.pk)).content.decode()
    assert client_as(world.city_member).get(url("reply_letter", reply_pk, "docx")).status_code == 200


def test_batch_register_from_the_queue(world, client_as):
    proposals = [reviewing(world) for _ in range(3)]
    client = client_as(world.city_proposal)
    response = client.post(url("review_batch"), {"action": "register", "ids": [p.pk for p in proposals]}, follow=True)
    assert "3" in response.content.decode()
    assert all(fresh(p).status == ProposalStatus.REGISTERED for p in proposals)


def _count_queries(client, path, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("user, path", [
    ("city_proposal", "/proposals/?scope=all"),
    ("city_member", "/proposals/?scope=mine"),
    ("city_unit", "/proposals/unit/?tab=all"),
    ("city_proposal", "/proposals/review/?tab=registered"),
    ("city_proposal", "/proposals/handling/?tab=replies"),
    ("city_proposal", "/proposals/supervision/"),
])
def test_list_queries_do_not_grow_with_rows(world, client_as, user, path, django_assert_max_num_queries):
    client = client_as(world.users[user])
    from .helpers import reply

    def add_rows(n):
        for _ in range(n):
            proposal, (task,) = handling(world, cosigners=["city_member2"])
            reply(world, task)

    add_rows(1)
    few = _count_queries(client, path, django_assert_max_num_queries)
    add_rows(4)
    with django_assert_max_num_queries(few):
        assert client.get(path).status_code == 200


def test_excel_exports(world, client_as):
    handling(world)
    for user, path in [("city_proposal", url("export") + "?scope=all"), ("city_unit", url("workbench_export")),
                       ("city_leader", url("supervision_export"))]:
        response = client_as(world.users[user]).get(path)
        assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")


def test_public_list_needs_no_login_and_shows_only_published(world, client):
    shown = registered(world)
    hidden = registered(world, author="city_member2", title="关于未公开事项的建议")
    services.proposal_set_publication(actor=world.city_proposal, proposal=shown, publication="public")
    page = client.get(url("public_list", world.city.pk)).content.decode()
    assert shown.title in page and hidden.title not in page
    assert client.get(url("public_detail", world.city.pk, shown.pk)).status_code == 200
    assert client.get(url("public_detail", world.city.pk, hidden.pk)).status_code == 404
    assert client.get(url("public_detail", world.county.pk, shown.pk)).status_code == 404


def test_workbench_todos(world, client_as):
    submitted(world)
    proposal = draft(world, cosigners=["city_member2"])
    services.proposal_submit(actor=world.city_member, proposal=proposal)
    office = client_as(world.city_proposal).get("/").content.decode()
    assert "份提案待初审" in office or "wait for pre-review" in office
    member2 = client_as(world.city_member2).get("/").content.decode()
    assert "邀请您联名" in member2 or "invite you to co-sign" in member2


def test_public_index_lists_only_the_committees_that_publish(world, client, django_assert_max_num_queries):
    index = client.get(url("public_index"))
    assert index.status_code == 200 and world.city.name not in index.content.decode()
    shown = registered(world)
    registered(world, author="county_member", org="county")
    page = client.get(url("public_index")).content.decode()
    assert world.city.name not in page and world.county.name not in page  # registered, but nothing published
    services.proposal_set_publication(actor=world.city_proposal, proposal=shown, publication="public")
    world.county.settings = {**(world.county.settings or {}), "proposals.publish_registered": True}
    world.county.save()
    with django_assert_max_num_queries(2):  # one query for every committee, whatever their number
        page = client.get(url("public_index")).content.decode()
    assert url("public_list", world.city.pk) in page and url("public_list", world.county.pk) in page
    assert url("public_list", world.province.pk) not in page
    assert url("public_index") in client.get(reverse("outreach:public_index")).content.decode()


def _todos(provider, user, org):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user, request.organisation = user, org
    return {item.url: item.count for item in provider(request)}


def test_unit_todo_counts_are_the_lengths_of_the_tabs_they_open(world, client_as):
    import datetime as dt

    from django.utils import timezone

    from zhengxie.proposals.models import HandlingTask

    handling(world, mode="joint")  # unit0 leads, unit1 co-handles: a join over the proposal's tasks must not double
    handling(world, title="关于完善城市公共交通网络的建议")
    HandlingTask.objects.filter(organisation=world.city).update(due_on=timezone.localdate() - dt.timedelta(days=3))
    todos = _todos(workbench.unit_todos, world.city_unit, world.city)
    assert todos, "the unit has to-do items"
    client = client_as(world.city_unit)
    for link, n in todos.items():
        page = client.get(link)
        assert page.status_code == 200
        assert page.context["page"].paginator.count == n, link
    assert todos[url("workbench") + "?tab=overdue"] == 2


def test_the_drafts_to_do_opens_the_drafts(world, client_as):
    draft(world)
    submitted(world, title="关于已经提交的提案的建议")
    todos = _todos(workbench.proposer_todos, world.city_member, world.city)
    link = next(link for link in todos if "draft" in link)
    assert todos[link] == 1
    page = client_as(world.city_member).get(link)
    assert page.context["page"].paginator.count == 1
    assert ("draft", "草稿") in [(v, str(label)) for v, label in page.context["form"].fields["status"].choices]


def _act(client, proposal, action, data, **extra):
    data = {f"{action}-version": fresh(proposal).version, **{f"{action}-{k}": v for k, v in data.items()}, **extra}
    return client.post(url("action", proposal.pk, action), data)


@pytest.mark.parametrize("action, data, author, before, after", [
    ("submit", {}, True, ProposalStatus.DRAFT, ProposalStatus.SUBMITTED),
    ("reject", {"ground": "personal", "comment": "属于个人事务。"}, False, ProposalStatus.REVIEWING,
     ProposalStatus.REJECTED),
    ("return", {"comment": "请补充调研数据。"}, False, ProposalStatus.REVIEWING, ProposalStatus.RETURNED),
])
def test_irreversible_actions_ask_again_without_javascript(world, client_as, action, data, author, before, after):
    proposal = draft(world) if before == ProposalStatus.DRAFT else reviewing(world)
    client = client_as(world.city_member if author else world.city_proposal)
    first = _act(client, proposal, action, data)
    assert first.status_code == 200 and "proposals/confirm.html" in [t.name for t in first.templates]
    assert fresh(proposal).status == before  # nothing happened yet
    page = first.content.decode()
    assert 'name="confirmed" value="1"' in page and "data-confirm" not in page.split("zx-confirm-form")[1][:2000]
    for value in data.values():
        assert value in page or action == "reject"
    second = _act(client, proposal, action, data, confirmed="1")
    assert second.status_code == 302 and fresh(proposal).status == after


def test_close_asks_again(world, client_as):
    import datetime as dt

    proposal, _task = evaluating(world)
    Proposal.objects.filter(pk=proposal.pk).update(rating_due_on=dt.date(2000, 1, 1))
    client = client_as(world.city_proposal)
    assert _act(client, proposal, "close", {"comment": ""}).status_code == 200
    assert fresh(proposal).status == ProposalStatus.EVALUATING
    _act(client, proposal, "close", {"comment": ""}, confirmed="1")
    assert fresh(proposal).status == ProposalStatus.CLOSED


def test_merge_shows_which_proposal_a_typed_number_matched_before_merging(world, client_as):
    target = registered(world, title="关于推动制造业转型升级的建议")
    merged = reviewing(world, author="city_member2")
    client = client_as(world.city_proposal)
    first = _act(client, merged, "merge", {"target": str(target.number), "comment": "内容相近"})
    page = first.content.decode()
    assert first.status_code == 200 and target.title in page and target.number_label in page
    assert fresh(merged).status == ProposalStatus.REVIEWING
    unknown = _act(client, merged, "merge", {"target": "99999", "comment": "内容相近"})
    assert unknown.status_code == 400 and fresh(merged).status == ProposalStatus.REVIEWING
    _act(client, merged, "merge", {"target": str(target.number), "comment": "内容相近"}, confirmed="1")
    assert fresh(merged).status == ProposalStatus.MERGED and fresh(merged).merged_into == target


def test_the_merged_notice_ends_with_a_chinese_full_stop(world, client_as):
    target = registered(world, title="关于推动制造业转型升级的建议")
    merged = reviewing(world, author="city_member2")
    services.proposal_merge(actor=world.city_proposal, proposal=merged, target=target)
    page = client_as(world.city_proposal).get(url("detail", merged.pk)).content.decode()
    assert f"（{target.number_label}）。提案人一并列入该提案。" in page and "）." not in page


def test_the_supervision_excel_has_the_page_s_column_names(world, client_as):
    import io

    from openpyxl import load_workbook

    handling(world)
    client = client_as(world.city_proposal)
    page = client.get(url("supervision")).content.decode()
    sheet = load_workbook(io.BytesIO(client.get(url("supervision_export")).content)).active
    headers = next([c.value for c in row if c.value] for row in sheet.iter_rows(max_row=5) if "应答复" in [c.value for c in row] or "交办" in [c.value for c in row])
    assert "应答复" in headers and "交办" not in headers
    assert all(f">{h}<" in page or h in page for h in headers)


def test_submitting_without_co_signers_mentions_none(world, client_as):
    alone = draft(world)
    page = _act(client_as(world.city_member), alone, "submit", {}).content.decode()
    assert "确定提交" in page and "联名人" not in page.split("zx-confirm")[1][:600]
    edit = client_as(world.city_member).get(url("edit", alone.pk)).content.decode()
    assert "所选联名人将收到邀请" not in edit
    signed = draft(world, cosigners=["city_member2"], title="关于联名提案的建议")
    assert "所选联名人将收到邀请" in _act(client_as(world.city_member), signed, "submit", {}).content.decode()
