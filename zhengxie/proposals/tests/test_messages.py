"""The wording of the messages the issue listed: the leader's sign-off says what happened, and a collective proposal
without co-signers is not told that co-signers will be invited."""

import pytest
from django.urls import reverse

from zhengxie.proposals import services
from zhengxie.proposals.choices import TaskStatus
from zhengxie.proposals.models import HandlingTask

from .helpers import draft, fresh, handling

pytestmark = pytest.mark.django_db


def _to_signoff(world, task):
    services.task_contact_add(actor=world.city_unit, task=task, contacted_on=task.assigned_at.date(), way="phone",
                              notes="电话沟通")
    services.reply_save(actor=world.city_unit, task=task, text="经研究，答复如下。", category="A",
                        contact_name="王科长", contact_phone="0938-8211234")
    services.reply_submit(actor=world.city_unit, task=HandlingTask.objects.get(pk=task.pk))
    return HandlingTask.objects.get(pk=task.pk)


@pytest.mark.parametrize(("agree", "said", "status"), [
    ("yes", "答复已签发，已报送提案委员会办公室", TaskStatus.REPLIED),
    ("no", "答复已退回承办人修改", TaskStatus.HANDLING),
])
def test_the_sign_off_message_says_what_happened(world, client_as, agree, said, status):
    _proposal, (task,) = handling(world)
    task = _to_signoff(world, task)
    assert task.status == TaskStatus.SIGNOFF
    prefix = f"t{task.pk}-signoff"
    response = client_as(world.city_unitlead).post(reverse("proposals:task_action", args=[task.pk, "signoff"]), {
        f"{prefix}-agree": agree, f"{prefix}-comment": "" if agree == "yes" else "请补充数据", f"{prefix}-version": task.version,
    }, follow=True)
    page = response.content.decode()
    assert said in page and "或" not in page.split(said)[0][-40:]
    assert HandlingTask.objects.get(pk=task.pk).status == status


def test_a_collective_proposal_without_co_signers_is_not_told_of_invitations(world, client_as):
    collective = draft(world, author="city_body", body="city_party")
    contact = client_as(world.city_body)
    edit = contact.get(reverse("proposals:edit", args=[collective.pk])).content.decode()
    assert "所选联名人将收到邀请" not in edit
    data = {"submit-version": fresh(collective).version}
    page = contact.post(reverse("proposals:action", args=[collective.pk, "submit"]), data).content.decode()
    assert "确定提交" in page and "所选联名人将收到邀请" not in page
