"""The public page is hostile ground: oversize input, script injection, forged tracking codes, programs and
floods are refused, while every valid submission is kept — and nothing it accepts reaches a staff page unescaped."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zhengxie.core import signing  # the token key (TOKEN_SIGNING_KEY), not SECRET_KEY
from zhengxie.core.files import attachments_of
from zhengxie.outreach import guard, services
from zhengxie.outreach.choices import ConcernStatus
from zhengxie.outreach.models import Concern
from zhengxie.outreach.models.concerns import new_tracking_code

from .factories import PNG, public_form, solved_challenge, submit

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _url(place):
    return reverse("outreach:public_place", args=[place.public_code])


def test_the_place_page_needs_no_account(client, station):
    response = client.get(_url(station))
    page = response.content.decode()
    assert station.name in page and 'name="token"' in page and 'name="website"' in page
    # the token carries a nonce, a time and a keyed digest of the answer: never the answer or the numbers
    data = signing.loads(response.context["challenge"].token, salt=guard.CHALLENGE_SALT)
    assert set(data) == {"n", "t", "h"}
    assert client.get(reverse("outreach:public_place", args=["NOSUCHCODE"])).status_code == 404


def test_a_closed_place_has_no_page(client, station):
    station.is_active = False
    station.save(update_fields=["is_active"])
    assert client.get(_url(station)).status_code == 404


def test_a_valid_concern_is_kept_and_its_code_shown_once(client, station):
    response = client.post(_url(station), public_form(), REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 200
    code = response.context["code"].replace("-", "")
    concern = Concern.objects.get()
    assert concern.place == station and concern.status == ConcernStatus.SUBMITTED
    assert concern.code_hint == code[-4:]
    assert response.context["code"] in response.content.decode()


def test_the_committee_page_lets_the_person_choose_a_place_or_none(client, world, station, room):
    url = reverse("outreach:public_organisation", args=[world.city.pk])
    page = client.get(url)
    choices = [str(p) for p in page.context["form"].fields["place"].queryset]
    assert station.name in choices and room.name not in choices  # rooms have their own posters
    client.post(url, public_form(place=station.pk), REMOTE_ADDR="10.0.0.2")
    client.post(url, public_form(), REMOTE_ADDR="10.0.0.2")
    assert [c.place for c in Concern.objects.order_by("pk")] == [station, None]


def test_a_photo_is_checked_by_its_content(client, station):
    fake = SimpleUploadedFile("road.jpg", b"<?php system($_GET['c']); ?>", content_type="image/jpeg")
    response = client.post(_url(station), {**public_form(), "photo": fake}, REMOTE_ADDR="10.0.0.3")
    assert response.status_code == 400 and not Concern.objects.exists()
    good = SimpleUploadedFile("road.jpg", PNG, content_type="image/jpeg")
    client.post(_url(station), {**public_form(), "photo": good}, REMOTE_ADDR="10.0.0.3")
    concern = Concern.objects.get()
    assert attachments_of(concern, "photo").get().original_name == "road.png"


def test_a_photo_too_large_is_refused(client, station, monkeypatch):
    monkeypatch.setattr(guard, "PHOTO_MAX_BYTES", 50)
    big = SimpleUploadedFile("road.png", PNG + b"\x00" * 100, content_type="image/png")
    response = client.post(_url(station), {**public_form(), "photo": big}, REMOTE_ADDR="10.0.0.4")
    assert response.status_code == 400 and not Concern.objects.exists()


def test_an_oversize_request_is_refused_before_it_is_read(client, station, monkeypatch):
    monkeypatch.setattr(guard, "MAX_REQUEST_BYTES", 1000)
    response = client.post(_url(station), {**public_form(), "description": "长" * 2000}, REMOTE_ADDR="10.0.0.5")
    assert response.status_code == 400
    assert "太大" in response.content.decode()
    assert not Concern.objects.exists()


@pytest.mark.parametrize("field,value", [("description", "长" * 1001), ("name", "名" * 41), ("phone", "1" * 21)])
def test_oversize_fields_are_refused_and_the_form_kept(client, station, field, value):
    response = client.post(_url(station), public_form(**{field: value}), REMOTE_ADDR="10.0.0.6")
    assert response.status_code == 400 and not Concern.objects.exists()
    assert response.context["form"].errors[field]


def test_what_was_typed_is_kept_when_something_is_wrong(client, station):
    response = client.post(_url(station), public_form(answer="999"), REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 400 and not Concern.objects.exists()
    page = response.content.decode()
    assert "村里通往镇上的道路坑洼严重" in page and "13912345678" in page
    assert response.context["challenge"].token != public_form()["token"]  # a new question to answer


def test_programs_are_refused(client, station):
    # the honeypot filled in
    assert client.post(_url(station), public_form(website="http://spam.example"), REMOTE_ADDR="10.1.0.1").status_code == 400
    # sent faster than a person fills the form in
    token, answer = solved_challenge(age=0)
    assert client.post(_url(station), public_form(token=token, answer=answer), REMOTE_ADDR="10.1.0.2").status_code == 400
    # a forged token
    assert client.post(_url(station), public_form(token="eyJuIjoiYSJ9:forged"), REMOTE_ADDR="10.1.0.3").status_code == 400
    # a reused token
    form = public_form()
    assert client.post(_url(station), form, REMOTE_ADDR="10.1.0.4").status_code == 200
    assert client.post(_url(station), form, REMOTE_ADDR="10.1.0.4").status_code == 400
    assert Concern.objects.count() == 1


def test_a_wrong_answer_burns_the_token(client, station):
    token, answer = solved_challenge()
    assert client.post(_url(station), public_form(token=token, answer=f"{(int(answer) + 1) % 10000:04d}"), REMOTE_ADDR="10.2.0.1").status_code == 400
    assert client.post(_url(station), public_form(token=token, answer=answer), REMOTE_ADDR="10.2.0.1").status_code == 400
    assert not Concern.objects.exists()


def test_full_width_digits_are_accepted(client, station):
    token, answer = solved_challenge()
    wide = "".join(chr(0xFF10 + int(d)) for d in str(answer))
    assert client.post(_url(station), public_form(token=token, answer=wide), REMOTE_ADDR="10.2.0.2").status_code == 200


def test_a_flood_is_refused_and_the_valid_concerns_before_it_kept(client, station):
    limit = 5  # outreach.public_per_hour
    statuses = [client.post(_url(station), public_form(description=f"第{i}件：路灯坏了很久没人修"),
                            REMOTE_ADDR="203.0.113.9").status_code for i in range(limit + 3)]
    assert statuses == [200] * limit + [429] * 3
    kept = sorted(Concern.objects.values_list("description", flat=True))
    assert kept == sorted(f"第{i}件：路灯坏了很久没人修" for i in range(limit))
    # another address is not affected by the flood
    assert client.post(_url(station), public_form(), REMOTE_ADDR="203.0.113.10").status_code == 200
    assert Concern.objects.count() == limit + 1


def test_hammering_with_junk_is_cut_off_too(client, station):
    limit = guard.ATTEMPTS_PER_10_MINUTES
    responses = [client.post(_url(station), {"name": "x"}, REMOTE_ADDR="198.51.100.7") for _ in range(2 * limit + 2)]
    statuses = [r.status_code for r in responses]
    assert statuses[:limit] == [400] * limit and set(statuses[limit:]) == {429}
    # a person just over the limit gets the page back, with what was typed …
    assert 'value="x"' in responses[limit].content.decode()
    # … a program far over it gets two lines of text, no page
    assert responses[-1]["Content-Type"].startswith("text/plain")
    # even a valid concern from that address now waits
    assert client.post(_url(station), public_form(), REMOTE_ADDR="198.51.100.7").status_code == 429
    assert not Concern.objects.exists()


def test_the_limit_is_a_setting_of_the_organisation(client, world, station):
    world.city.settings["outreach.public_per_hour"] = 2
    world.city.save(update_fields=["settings"])
    statuses = [client.post(_url(station), public_form(), REMOTE_ADDR="192.0.2.1").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_script_injection_reaches_staff_pages_escaped(client, client_as, world, station):
    client.post(_url(station), public_form(name=SCRIPT[:40], description=f"路坏了 {SCRIPT}"), REMOTE_ADDR="10.3.0.1")
    concern = Concern.objects.get()
    assert concern.description.endswith(SCRIPT)  # kept as typed …
    office = client_as(world.city_office)
    for url in (reverse("outreach:concern_list"), reverse("outreach:concern_detail", args=[concern.pk]),
                reverse("outreach:concern_list") + "?status=submitted", reverse("core:workbench")):
        page = office.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page
    detail = office.get(reverse("outreach:concern_detail", args=[concern.pk])).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in detail  # … shown escaped
    member_page = client_as(world.city_member).get(reverse("outreach:mine")).content.decode()
    assert "<script>alert" not in member_page and "&lt;script&gt;" in member_page
    inbox = client_as(world.city_member).get(reverse("core:inbox")).content.decode()
    assert "<script>alert" not in inbox


def test_excel_export_keeps_public_text_as_text(client, client_as, world, station):
    from openpyxl import load_workbook

    client.post(_url(station), public_form(name="=HYPERLINK(1)", description='=cmd|" /C calc"!A0 路坏了'),
                REMOTE_ADDR="10.3.0.2")
    response = client_as(world.city_office).get(reverse("outreach:concern_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    row = [cell for cell in sheet[2]]
    assert all(cell.data_type != "f" for cell in row)
    assert any(str(cell.value).startswith("'=cmd") for cell in row)
    phone_col = [c.value for c in sheet[1]].index("电话")
    assert row[phone_col].value == "139****5678"


def test_excel_export_escapes_a_formula_whose_second_character_is_a_digit(client, client_as, world, station):
    from openpyxl import load_workbook

    payload = '=0&HYPERLINK("http://x","点此")'
    client.post(_url(station), public_form(name="张三", description=payload), REMOTE_ADDR="10.3.0.3")
    response = client_as(world.city_office).get(reverse("outreach:concern_export"))
    row = load_workbook(io.BytesIO(response.content)).active[2]
    assert all(cell.data_type != "f" for cell in row)
    assert "'" + payload in [cell.value for cell in row]


def test_tracking_with_the_code(client, world, station):
    concern, code = submit(world.city, place=station)
    response = client.post(reverse("outreach:public_track"), {"code": code.lower()}, REMOTE_ADDR="10.4.0.1")
    assert response.status_code == 200
    page = response.content.decode()
    assert "王**" in page and "王秀兰" not in page and "13912345678" not in page
    assert response.context["info"]["reference"] == concern.reference


def test_the_tracking_page_hides_internal_notes(client, world, station):
    concern, code = submit(world.city, place=station)
    concern = services.concern_assign(actor=world.city_office, concern=concern, member=world.members["city_member2"],
                                      comment="内部备注：此人多次上访")
    services.concern_add_note(actor=world.city_member2, concern=concern, text="内部：先核实", is_public=False)
    services.concern_add_note(actor=world.city_member2, concern=concern, text="已联系交通部门", is_public=True)
    page = client.post(reverse("outreach:public_track"), {"code": code}, REMOTE_ADDR="10.4.0.2").content.decode()
    assert "已联系交通部门" in page and "内部" not in page


@pytest.mark.parametrize("forged", ["", "AAAA", "<script>", "A" * 40, "0000-1111-OOOO", "' OR 1=1 --"])
def test_forged_codes_find_nothing(client, world, station, forged):
    submit(world.city, place=station)
    response = client.post(reverse("outreach:public_track"), {"code": forged}, REMOTE_ADDR="10.4.0.3")
    assert response.status_code in (400, 404)
    assert "info" not in response.context


def test_guessing_codes_is_refused_after_a_few_tries(client, world, station):
    _concern, code = submit(world.city, place=station)
    statuses = [client.post(reverse("outreach:public_track"), {"code": new_tracking_code()}, REMOTE_ADDR="10.4.0.4").status_code
                for _ in range(guard.FAILED_LOOKUPS_PER_HOUR)]
    assert statuses == [404] * guard.FAILED_LOOKUPS_PER_HOUR
    # from then on even the right code is refused from that address, but not from another
    assert client.post(reverse("outreach:public_track"), {"code": code}, REMOTE_ADDR="10.4.0.4").status_code == 429
    assert client.post(reverse("outreach:public_track"), {"code": code}, REMOTE_ADDR="10.4.0.5").status_code == 200


def test_feedback_with_the_code(client, world, station):
    concern, code = submit(world.city, place=station)
    concern = services.concern_assign(actor=world.city_office, concern=concern, member=world.members["city_member2"])
    url = reverse("outreach:public_feedback")
    # not closed yet: nothing to rate
    assert client.post(url, {"code": code, "satisfied": "yes"}, REMOTE_ADDR="10.5.0.1").status_code == 409
    services.concern_close(actor=world.city_member2, concern=concern, result="已修好")
    # a forged code rates nothing
    assert client.post(url, {"code": new_tracking_code(), "satisfied": "no"}, REMOTE_ADDR="10.5.0.1").status_code == 404
    response = client.post(url, {"code": code, "satisfied": "no", "comment": SCRIPT}, REMOTE_ADDR="10.5.0.1")
    assert response.status_code == 200
    concern.refresh_from_db()
    assert concern.satisfied is False and concern.feedback_comment == SCRIPT
    assert client.post(url, {"code": code, "satisfied": "yes"}, REMOTE_ADDR="10.5.0.1").status_code == 400
    concern.refresh_from_db()
    assert concern.satisfied is False


def test_the_public_page_is_the_same_for_a_logged_in_member(client_as, world, station):
    page = client_as(world.city_office).get(_url(station)).content.decode()
    assert "zx-nav" not in page and "city_office" not in page  # no staff menu, nobody's name


def _regex_solver(html: str) -> str:
    """The attack that solved the old arithmetic question: one regular expression over the page."""
    import re

    found = re.search(r"(\d+)\s*(加|减|plus|minus)\s*(\d+)", html)
    if not found:
        return ""
    a, op, b = found.groups()
    return str(int(a) + int(b) if op in ("加", "plus") else int(a) - int(b))


def test_a_regular_expression_does_not_solve_the_challenge(client, station):
    org = station.organisation
    org.settings["outreach.public_min_seconds"] = 0  # so that only the answer can fail
    org.save(update_fields=["settings"])
    page = client.get(_url(station))
    html = page.content.decode()
    token = page.context["challenge"].token
    answer = guard._answer_of(page.context["challenge"].nonce)
    guess = _regex_solver(html) or "00000"  # nothing to compute: a guess (five digits, never the answer)
    response = client.post(_url(station), public_form(token=token, answer=guess), REMOTE_ADDR="10.9.0.1")
    assert response.status_code == 400 and not Concern.objects.exists()
    assert "数字不对" in response.content.decode()
    assert answer not in page.context["challenge"].question
    assert answer not in signing.loads(token, salt=guard.CHALLENGE_SALT).values()


def test_the_challenge_picture_and_recording(client, station):
    from PIL import Image

    challenge = client.get(_url(station)).context["challenge"]
    image = client.get(challenge.image_url)
    assert image.status_code == 200 and image["Content-Type"] == "image/png" and image["Cache-Control"] == "no-store"
    assert Image.open(io.BytesIO(image.content)).size == (360, 140)
    audio = client.get(challenge.audio_url)
    assert audio.status_code == 200 and audio.content[:4] == b"RIFF"
    assert client.get(reverse("outreach:public_challenge_image", args=["made-up"])).status_code == 404


def test_a_used_challenge_has_no_picture_and_the_answer_is_digits_typed_any_way(client, station):
    token, answer = solved_challenge()
    nonce = signing.loads(token, salt=guard.CHALLENGE_SALT)["n"]
    wide = "".join(chr(ord(d) + 0xFEE0) for d in answer)  # full-width digits from a Chinese keyboard
    response = client.post(_url(station), public_form(token=token, answer=f" {wide} "), REMOTE_ADDR="10.9.0.2")
    assert response.status_code == 200 and Concern.objects.count() == 1
    assert client.get(reverse("outreach:public_challenge_image", args=[nonce])).status_code == 404


def test_the_page_offers_another_picture_audio_and_the_places_phone(client, station):
    station.contact_phone = "0938-7012345"
    station.save(update_fields=["contact_phone"])
    html = client.get(_url(station)).content.decode()
    assert 'id="challenge-refresh"' in html and 'id="challenge-audio"' in html and "0938-7012345" in html
