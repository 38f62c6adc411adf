"""A joint proposal of committees in a real browser: 酒泉's office drafts it to the province with 天水 and two Hexi
committees outside the platform, 天水's office confirms its signature from its to-do, the province's office
receives it, passes pre-review and registers it, and 酒泉 follows its progress. Screenshots go to
docs/screenshots/proposals/."""

import pytest
from playwright.sync_api import expect

from zhengxie.core.tests.browser import login
from zhengxie.proposals.models import JointProposal

from .test_e2e_proposals import accept_dialogs, open_action, send

pytestmark = pytest.mark.e2e
APP = "proposals"
TITLE = "关于加快建设河西走廊第二条公路大通道的建议"


def test_a_joint_proposal_from_two_cities_to_the_province(live_world, desktop, new_page, shot):
    w = live_world
    # the server's first answer loads its modules: on a loaded machine it is given longer than the others
    desktop.goto("/accounts/login/", timeout=120_000)
    # 酒泉's proposal office drafts it
    login(desktop, "city2_proposal")
    desktop.goto("/proposals/joint/new/")
    desktop.locator("select[name=target]").select_option(label=w.province.short_name)
    desktop.locator("select[name=cosigners]").select_option(label=w.city.short_name)
    desktop.fill("textarea[name=outside]", "嘉峪关市政协\n张掖市政协")
    desktop.fill("input[name=title]", TITLE)
    desktop.locator("select[name=category]").select_option("经济建设")
    desktop.fill("textarea[name=background]", "连霍高速承担河西五市绝大部分过境货运，通行能力严重不足。")
    desktop.fill("textarea[name=suggestions]", "一是纳入省级综合交通规划；二是争取国家专项资金；三是同步规划连接线。")
    shot(desktop, APP, "40-joint-proposal-drafted-by-jiuquan")
    desktop.click("#joint-form button[type=submit]")
    expect(desktop.locator("h1")).to_contain_text(TITLE)
    desktop.click("button[name=action][value=send]")
    expect(desktop.locator(".alert-success")).to_be_visible()
    joint = JointProposal.objects.get(title=TITLE)
    assert joint.status == "cosigning"

    # 天水's office: the to-do on its workbench opens the invitation; it confirms
    tianshui = new_page()
    login(tianshui, "city_proposal")
    tianshui.goto("/")
    todo = tianshui.locator("a[href*='/proposals/joint/?tab=cosign']").first
    expect(todo).to_be_visible()
    todo.click()
    tianshui.click(f"text={TITLE}")
    tianshui.fill("#cosign-comment", "同意联名，通道建设关系全省发展大局。")
    shot(tianshui, APP, "41-joint-proposal-cosigned-by-tianshui")
    tianshui.click("button[name=agree][value='1']")
    expect(tianshui.locator(".alert-success")).to_be_visible()
    joint.refresh_from_db()
    assert joint.status == "sent" and joint.proposers_label == "酒泉市政协、天水市政协、嘉峪关市政协、张掖市政协"

    # the province's office receives it among its proposals, passes pre-review and registers it
    province = new_page()
    accept_dialogs(province)
    login(province, "province_proposal")
    province.goto("/proposals/joint/?tab=receive")
    province.click(f"text={TITLE}")
    shot(province, APP, "42-joint-proposal-received-by-the-province")
    province.click("button[name=action][value=receive]")
    expect(province.locator(".alert-success")).to_be_visible()
    province.click("#progress a")
    send(open_action(province, "初审通过"))
    send(open_action(province, "立案"))
    expect(province.locator("main header")).to_contain_text("第0001号")
    joint.refresh_from_db()
    assert joint.proposal.status == "registered" and joint.registered_at is not None

    # 酒泉 follows its progress, read-only
    desktop.goto(f"/proposals/joint/{joint.pk}/")
    progress = desktop.locator("#progress")
    expect(progress).to_contain_text(joint.proposal.number_label)
    expect(progress.locator("a")).to_have_count(0)
    shot(desktop, APP, "43-jiuquan-follows-the-progress-at-the-province")
