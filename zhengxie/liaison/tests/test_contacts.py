"""Contact duties (联系制度): the office makes assignments with their contacts; the holder (or the office) logs visits,
which are duty events of the member; matters raised are followed up; contacts not visited within the organisation's
period are reminded once a week; the figures count assignments, visits, matters raised and solved. Each role allowed
and refused, no row of another organisation."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from zhengxie.core.choices import Affiliation
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.models import Notification
from zhengxie.core.tests.visibility import check_details_follow_lists
from zhengxie.duties.models import DutyEvent
from zhengxie.liaison import selectors, services
from zhengxie.liaison.choices import VisitStatus
from zhengxie.liaison.models import Contact, ContactAssignment
from zhengxie.stats.registry import Scope, figure

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def sector(world, name="教育界", org="city"):
    return world.orgs[org].sectors.get(name=name)


def assign_sector(world, who="city_office", holder="city_member", **kwargs):
    org = world.users[who].default_organisation
    return services.assignment_create(actor=world.users[who], organisation=org, kind="party_group_sector",
                                      member=world.members[holder], sectors=[sector(world, org=kwargs.pop("org", "city"))],
                                      **kwargs)


def visit(world, assignment, who="city_member", **kwargs):
    data = {"contact": assignment.contacts.first(), "visited_on": TODAY, "way": "visit",
            "participants": "教育界委员3人", "raised": "城区学位紧张；教师编制不足。", "matters_raised": 2,
            "matters_solved": 0, **kwargs}
    return services.visit_log(actor=world.users[who], assignment=assignment, fields=data)


def test_the_office_makes_each_kind_of_assignment_and_wrong_contacts_are_refused(world):
    member = world.members["city_member"]
    member.person.affiliation = Affiliation.CPC
    member.person.save(update_fields=["affiliation"])
    a = assign_sector(world)
    assert a.status == "active" and [c.label for c in a.contacts.all()] == ["教育界"]
    assert Notification.objects.filter(code="liaison.contact.assigned", recipient=world.city_member).exists()
    b = services.assignment_create(actor=world.city_office, organisation=world.city, kind="party_non_party",
                                   member=member, members=[world.members["city_member2"]])
    assert b.contacts.get().member == world.members["city_member2"]
    with pytest.raises(DomainError) as caught:  # a Party member contacts non-Party members, not Party members
        services.assignment_create(actor=world.city_office, organisation=world.city, kind="party_non_party",
                                   member=world.members["city_member2"], members=[member])
    assert set(caught.value.errors) == {"member"}
    committee = world.city.committees.first()
    c = services.assignment_create(actor=world.city_committee, organisation=world.city, kind="committee_sector",
                                   committee=committee, sectors=[sector(world), sector(world, "经济界")])
    assert c.contacts.count() == 2 and c.member is None
    d = services.assignment_create(actor=world.city_office, organisation=world.city, kind="member_constituents",
                                   member=world.members["city_member3"], names=["秦州区中小学教师代表", " "])
    assert d.contacts.get().sector == world.members["city_member3"].sector
    with pytest.raises(DomainError) as caught:
        services.assignment_create(actor=world.city_office, organisation=world.city, kind="committee_sector")
    assert set(caught.value.errors) == {"committee"}
    with pytest.raises(NotAllowed):  # another organisation's sector
        services.assignment_create(actor=world.city_office, organisation=world.city, kind="party_group_sector",
                                   member=member, sectors=[sector(world, org="city2")])


@pytest.mark.parametrize("who", ["city_member", "city_unit", "city_partygov", "city_leader", "city_proposal",
                                 "city2_office", "city_sysadmin"])
def test_only_the_office_and_committee_staff_make_assignments(world, who):
    with pytest.raises(NotAllowed):
        services.assignment_create(actor=world.users[who], organisation=world.city, kind="party_group_sector",
                                   member=world.members["city_member"], sectors=[sector(world)])


def test_the_holder_logs_a_visit_which_is_a_duty_event_and_follows_it_up(world):
    a = assign_sector(world)
    for who in ("city_member2", "city_unit", "city_leader", "city2_office"):
        with pytest.raises(NotAllowed):
            visit(world, a, who)
    with pytest.raises(DomainError) as caught:
        visit(world, a, visited_on=TODAY + dt.timedelta(days=1), participants="", matters_raised=1,
              matters_solved=2)
    assert {"visited_on", "participants"} <= set(caught.value.errors)
    logged = visit(world, a)
    assert logged.status == VisitStatus.OPEN
    event = DutyEvent.objects.get(kind="contact_visit")
    assert event.member == world.members["city_member"] and event.attributes["contact_kind"] == "party_group_sector"
    by_office = visit(world, a, "city_office", matters_raised=0, raised="")
    assert by_office.status == VisitStatus.DONE and DutyEvent.objects.filter(kind="contact_visit").count() == 2
    with pytest.raises(NotAllowed):
        services.visit_follow_up(actor=world.city_member2, visit=logged, follow_up="……", matters_solved=1)
    with pytest.raises(DomainError):
        services.visit_follow_up(actor=world.city_member, visit=logged, follow_up="已转交", matters_solved=3)
    half = services.visit_follow_up(actor=world.city_member, visit=logged, follow_up="学位问题已转市教育局。",
                                    matters_solved=1, version=logged.version)
    assert half.status == VisitStatus.OPEN
    done = services.visit_follow_up(actor=world.city_member, visit=half, follow_up="两件均已办结。",
                                    matters_solved=2, version=half.version)
    assert done.status == VisitStatus.DONE
    assert [t.action for t in done.transitions.order_by("pk")] == ["log", "follow_up", "close"]
    ended = services.assignment_end(actor=world.city_office, assignment=a)
    with pytest.raises(NotAllowed):  # an ended duty takes no more visits
        visit(world, ended)


def test_who_sees_which_assignment(world, client_as):
    a = assign_sector(world)
    committee = world.city.committees.first()
    other = services.assignment_create(actor=world.city_office, organisation=world.city, kind="committee_sector",
                                       committee=committee, sectors=[sector(world)])
    foreign = assign_sector(world, "city2_office", "city2_member", org="city2")

    def seen(who, org="city"):
        return set(selectors.assignments_visible_to(world.users[who], world.orgs[org]).values_list("pk", flat=True))

    assert seen("city_office") == seen("city_leader") == seen("city_committee") == {a.pk, other.pk}
    assert seen("city_member") == {a.pk} and seen("city_member2") == set()
    for who in ("city_unit", "city_partygov", "city_proposal", "city_sysadmin"):
        assert seen(who) == set()
    assert seen("city2_office", "city2") == {foreign.pk} and seen("city_office", "city2") == set()
    check_details_follow_lists(client_as, users=[world.users[u] for u in ("city_member", "city_member2", "city_office",
                                                                          "city_unit", "city2_office")],
                               objects=[a, other, foreign], visible=selectors.assignments_visible_to,
                               url=lambda o: reverse("liaison:assignment_detail", args=[o.pk]))


def test_contacts_not_visited_in_the_period_are_reminded_once_a_week(world):
    world.city.settings = {**(world.city.settings or {}), "liaison.contact_visit_days": 30}
    world.city.save(update_fields=["settings"])
    a = assign_sector(world)
    fresh = assign_sector(world, holder="city_member2")
    Contact.objects.filter(assignment=a).update(added_at=timezone.now() - dt.timedelta(days=40))
    assert services.contacts_remind() == 1
    assert services.contacts_remind() == 0  # twice a day: nobody twice
    assert Notification.objects.filter(code="liaison.contact.reminder", recipient=world.city_member).count() == 1
    assert not Notification.objects.filter(code="liaison.contact.reminder", recipient=world.city_member2).exists()
    assert selectors.overdue_contacts(world.city_member, world.city).count() == 1
    assert selectors.overdue_contacts(world.city_member2, world.city).count() == 0
    assert services.contacts_remind(today=TODAY + dt.timedelta(days=8)) == 1  # a week later, still not visited
    visit(world, a)
    assert selectors.overdue_contacts(world.city_member, world.city).count() == 0
    assert fresh.contacts.get().reminded_on is None


def test_the_pages_and_the_workbench(world, client):
    a = assign_sector(world)
    Contact.objects.filter(assignment=a).update(added_at=timezone.now() - dt.timedelta(days=400))
    client.force_login(world.city_member)
    contact = a.contacts.get()
    assert f"?contact={contact.pk}" in client.get(reverse("liaison:assignment_list")).content.decode()  # due a visit
    response = client.post(reverse("liaison:visit_log", args=[a.pk]), {
        "contact": a.contacts.get().pk, "visited_on": TODAY.isoformat(), "way": "talk", "participants": "民盟委员2人",
        "raised": "", "matters_raised": "0", "follow_up": "", "matters_solved": "0"})
    assert response.status_code == 302 and a.visits.count() == 1
    bad = client.post(reverse("liaison:visit_log", args=[a.pk]), {"contact": a.contacts.get().pk, "visited_on": "",
                                                                   "participants": "我想保留这段文字"})
    assert bad.status_code == 400 and "我想保留这段文字" in bad.content.decode()
    assert client.get(reverse("liaison:assignment_new")).status_code == 403
    client.force_login(world.city_office)
    assert client.get(reverse("liaison:assignment_new")).status_code == 200
    response = client.post(reverse("liaison:assignment_new"), {
        "kind": "member_constituents", "member": world.members["city_member2"].pk, "names": "麦积区农民代表"})
    assert response.status_code == 302 and ContactAssignment.objects.count() == 2
    client.force_login(world.city_unit)
    assert client.get(reverse("liaison:assignment_list")).status_code == 403


def test_the_figures_count_assignments_visits_and_matters(world):
    a = assign_sector(world)
    visit(world, a, matters_raised=3, matters_solved=1)
    visit(world, a, matters_raised=2, matters_solved=2, visited_on=TODAY - dt.timedelta(days=1))
    scope = Scope(org_ids=(world.city.pk,), start=dt.date(TODAY.year, 1, 1), end=dt.date(TODAY.year, 12, 31))
    if TODAY.month == 1 and TODAY.day == 1:
        scope = Scope(org_ids=(world.city.pk,), start=TODAY - dt.timedelta(days=1), end=TODAY)
    values = {k: figure(f"liaison.{k}").value(scope) for k in ("contact_assignments", "contact_visits",
                                                               "contact_matters_raised", "contact_matters_solved")}
    assert values == {"contact_assignments": 1, "contact_visits": 2, "contact_matters_raised": 5,
                      "contact_matters_solved": 3}
    other = Scope(org_ids=(world.city2.pk,), start=scope.start, end=scope.end)
    assert figure("liaison.contact_visits").value(other) == 0
