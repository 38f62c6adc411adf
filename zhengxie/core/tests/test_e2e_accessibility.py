"""WCAG 2.1 AA basics on the main pages of every app, in a real browser: text contrast against the colour actually
behind it (4.5:1, 3:1 for large text), an accessible name for every form field and, on a phone, no text under 16 px and
touch targets at least 44 px high. Members on a phone, staff on a desktop, a constituent on the public page."""

from pathlib import Path

import pytest

from zhengxie.proposals.tests.helpers import handling

from .browser import login

pytestmark = pytest.mark.e2e

CHECK = "\n".join(line for line in (Path(__file__).parent / "accessibility.js").read_text().splitlines()
                  if not line.startswith("//"))

PAGES = {
    ("city_member", True): ["/", "/proposals/", "/proposals/new/", "/opinions/new/", "/duties/", "/activities/",
                            "/activities/calendar/", "/outreach/", "/inbox/", "/liaison/info/", "/liaison/questions/new/",
                            "/liaison/topics/", "/liaison/contacts/", "/channels/mine/", "/me/", "/stats/summary/mine/",
                            "/outreach/concerns/similar/", "/activities/topics/"],
    ("city_proposal", False): ["/", "/proposals/?scope=all", "/proposals/review/", "/proposals/compilations/",
                               "/proposals/assessment/", "/proposals/joint/", "/proposals/joint/new/"],
    ("city_partygov", False): ["/proposals/confirmations/"],
    ("city_unit", False): ["/proposals/unit/", "{proposal}"],
    ("city_info", False): ["/opinions/", "/opinions/bulletins/", "/opinions/figures/", "/opinions/bulletins/template/",
                             "/opinions/similar/"],
    ("city_office", False): ["/activities/", "/activities/calendar/", "/outreach/", "/members/", "/liaison/info/new/",
                              "/liaison/questions/?tab=all", "/channels/", "/worklists/lists/",
                              "/worklists/projects/", "/worklists/recommendations/", "/liaison/topics/?tab=overview",
                              "/liaison/topics/new/", "/liaison/contacts/new/",
                              "/search/?q=%E5%A4%A9%E6%B0%B4", "/cooperation/", "/cooperation/experts/",
                              "/cooperation/experts/new/", "/cooperation/alliances/", "/cooperation/alliances/new/",
                              "/cooperation/joint/", "/cooperation/joint/new/"],
    ("city_leader", False): ["/stats/", "/duties/overview/", "/duties/ranking/", "/worklists/grasped/",
                             "/stats/figures/proposals.received/", "/stats/summary/", "/stats/screen/tokens/"],
    ("city_auditadmin", False): ["/manage/audit/"],
    ("city_sysadmin", False): ["/manage/accounts/", "/manage/settings/", "/channels/settings/",
                               "/channels/texts/", "/channels/texts/meeting/sms/zh-hans/"],
    (None, True): ["/outreach/public/", "/outreach/public/c/{city}/", "/outreach/public/track/",
                   "/proposals/public/{city}/", "/liaison/public/{city}/topics/"],
}


def test_contrast_and_labels_on_the_main_pages(live_world, new_page):
    proposal, _tasks = handling(live_world)
    problems = []
    for (username, phone), paths in PAGES.items():
        page = new_page(phone=phone)
        if username:
            login(page, username)
        for path in paths:
            path = path.format(proposal=f"/proposals/{proposal.pk}/", city=live_world.city.pk)
            response = page.goto(path)
            assert response.status == 200, path
            page.wait_for_load_state("networkidle")
            problems += [f"{username} {path}: {problem}" for problem in page.evaluate(CHECK, phone)]
    assert not problems, "\n".join(problems)
