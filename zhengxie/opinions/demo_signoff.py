"""Demo data of the bulletin's sign-off and 红头: 天水 reviews each issue in two steps (研究室审核, 秘书长审核) and its
pending issue waits for the first; 天水 and 酒泉 have their own templates, the others inherit the province's."""

from django.utils import timezone

from zhengxie.core.models import Organisation
from zhengxie.core.registry import demo_generator

from .choices import BulletinStatus
from .models import BulletinIssue, BulletinTemplate, BulletinTransition
from .org_settings import REVIEW_STEPS, review_steps_of

STEPS = {"ts": ["研究室审核=研究室", "秘书长审核=领导"], "jq": ["信息科审核=信息科"]}
TEMPLATES = {
    "gs": {"issuer": "甘肃省政协研究室", "numbering": "{year}年第{number}期（总第{serial}期）"},
    "ts": {"issuer": "天水市政协研究室", "numbering": "{year}年第{number}期（总第{serial}期）", "secrecy_mark": "内部资料　注意保存"},
    "jq": {"issuer": "酒泉市政协办公室信息科", "numbering": "第{number}期", "masthead_colour": "#B00000"},
}


@demo_generator(order=46)
def generate(ctx):
    made = 0
    for slug, steps in STEPS.items():
        org = ctx.org_by_slug.get(slug)
        if org is None:
            continue
        Organisation.objects.filter(pk=org.pk).update(settings={**(org.settings or {}), REVIEW_STEPS: steps})
        org.refresh_from_db(fields=["settings"])
        for issue in BulletinIssue.objects.filter(organisation=org, status=BulletinStatus.PENDING):
            issue.review_steps, issue.review_step = review_steps_of(org), 0
            issue.save(update_fields=["review_steps", "review_step"])
            if not issue.transitions.filter(action="submit").exists():
                BulletinTransition.objects.create(bulletin=issue, action="submit", from_state="draft",
                                                  to_state="pending", actor=issue.created_by,
                                                  created_at=min(timezone.now(), issue.created_at))
    for slug, values in TEMPLATES.items():
        org = ctx.org_by_slug.get(slug)
        if org is not None:
            BulletinTemplate.objects.update_or_create(organisation=org, defaults=values)
            made += 1
    ctx.log(f"bulletin sign-off: review steps for {len(STEPS)} organisations, {made} red-head templates")
