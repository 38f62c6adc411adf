"""The unit's seal on its reply letters (uploaded by the unit's leader or the office, validated, printed in Word and
PDF; none: the layout without it) and the page choosing the leading leaders of a key proposal, with its history."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.tests.factories import staff_user
from zhengxie.proposals import services
from zhengxie.proposals.models import Reply

from .helpers import evaluating, fresh, registered

pytestmark = pytest.mark.django_db


def _png(size=(300, 300), colour=(200, 0, 0, 255)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def _upload(data, name="seal.png"):
    return SimpleUploadedFile(name, data, content_type="image/png")


def _docx_images(response) -> int:
    from docx import Document

    document = Document(io.BytesIO(response.content))
    return len(document.inline_shapes)


def test_the_unit_leader_uploads_the_seal_and_it_is_printed_on_the_reply_letter(world, client_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    proposal, task = evaluating(world)
    reply = Reply.objects.get(task=task)
    office = client_as(world.city_proposal)
    letter = reverse("proposals:reply_letter", args=[reply.pk, "docx"])
    pdf = reverse("proposals:reply_letter", args=[reply.pk, "pdf"])
    assert _docx_images(office.get(letter)) == 0  # no seal: the layout without it
    plain_pdf = office.get(pdf)
    assert plain_pdf.status_code == 200 and b"/Subtype /Image" not in plain_pdf.content

    leader = client_as(world.city_unitlead)
    assert reverse("proposals:unit_seal", args=[world.city_unit0.pk]) in leader.get("/proposals/unit/").content.decode()
    leader.post(reverse("proposals:unit_seal", args=[world.city_unit0.pk]), {"seal": _upload(_png())})
    seal = services.unit_seal(world.city_unit0)
    assert seal is not None and seal.media_type == "image/png"
    assert _docx_images(office.get(letter)) == 1
    sealed_pdf = office.get(pdf)
    assert sealed_pdf.status_code == 200 and b"/Subtype /Image" in sealed_pdf.content
    image = client_as(world.city_unit).get(reverse("proposals:unit_seal_image", args=[world.city_unit0.pk]))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"

    # the office replaces it (one seal at a time) and removes it
    office.post(reverse("proposals:unit_seal", args=[world.city_unit0.pk]), {"seal": _upload(_png((400, 400)))})
    assert services.unit_seal(world.city_unit0).pk != seal.pk
    office.post(reverse("proposals:unit_seal", args=[world.city_unit0.pk]), {"remove": "1"})
    assert services.unit_seal(world.city_unit0) is None
    assert _docx_images(office.get(letter)) == 0


def test_the_seal_is_refused_from_others_and_when_it_is_not_a_fitting_image(world, client_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    unit = world.city_unit0
    # a unit's staff (not its leader), another unit's staff, another organisation's office
    for actor in (world.city_unit, world.city_unit2, world.county_proposal, world.city_member):
        with pytest.raises(NotAllowed):
            services.unit_seal_set(actor=actor, unit=unit, upload=_upload(_png()))
    for name in ("city_unit", "city_unit2", "county_proposal"):
        assert client_as(world.users[name]).get(reverse("proposals:unit_seal", args=[unit.pk])).status_code == 404
    assert client_as(world.city_unit2).get(reverse("proposals:unit_seal_image", args=[unit.pk])).status_code == 404
    with pytest.raises(DomainError, match="(?i)png"):
        services.unit_seal_set(actor=world.city_unitlead, unit=unit, upload=_upload(b"%PDF-1.4 not a picture", "s.pdf"))
    with pytest.raises(DomainError, match="像素|pixels"):
        services.unit_seal_set(actor=world.city_unitlead, unit=unit, upload=_upload(_png((40, 40))))
    with pytest.raises(DomainError, match="MB"):
        services.unit_seal_set(actor=world.city_unitlead, unit=unit,
                               upload=_upload(b"\x89PNG\r\n\x1a\n" + b"0" * (1024 * 1024 + 10)))
    page = client_as(world.city_unitlead).post(reverse("proposals:unit_seal", args=[unit.pk]),
                                               {"seal": _upload(_png((40, 40)))}, follow=True).content.decode()
    assert "像素" in page
    assert services.unit_seal(unit) is None


def test_the_office_chooses_several_leading_leaders_on_a_page_with_the_history(world, client_as):
    proposal = registered(world)
    services.proposal_key_nominate(actor=world.city_proposal, proposal=proposal)
    from zhengxie.core.choices import Role

    second = staff_user(world.city, Role.LEADER, "city_leader2")
    url = reverse("proposals:key_leaders", args=[proposal.pk])
    office = client_as(world.city_proposal)
    page = office.get(url).content.decode()
    assert f'value="{second.pk}"' in page and f'value="{world.city_leader.pk}"' in page
    office.post(url, {"leaders": [world.city_leader.pk, second.pk]})
    assert set(fresh(proposal).key_leaders.all()) == {world.city_leader, second}
    office.post(url, {"leaders": [second.pk]})
    assert list(fresh(proposal).key_leaders.all()) == [second]
    page = office.get(url).content.decode()
    assert page.count("city_leader2") >= 2 or page.count(second.label) >= 3  # the current choice and two in history
    # someone who is not a leader of this committee is refused with a message, nothing changes
    response = office.post(url, {"leaders": [world.city_unit.pk]}, follow=True)
    assert "请选择本级政协的领导" in response.content.decode() or "Choose leaders" in response.content.decode()
    assert list(fresh(proposal).key_leaders.all()) == [second]
    # a leader sees the page and its history but cannot change it; a member, a unit, another committee cannot open it
    leader = client_as(world.city_leader)
    assert leader.get(url).status_code == 200
    leader.post(url, {"leaders": [world.city_leader.pk]})
    assert list(fresh(proposal).key_leaders.all()) == [second]
    assert client_as(world.city_member).get(url).status_code == 403
    assert client_as(world.city_unit).get(url).status_code == 403
    assert client_as(world.county_proposal).get(url).status_code in (403, 404)
    assert url in office.get(reverse("proposals:key")).content.decode()
