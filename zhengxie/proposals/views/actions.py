"""The actions offered on a proposal's page, as one table: who may use each (the workflow table and the
permission predicates decide), its form, the service it calls and what the user is told afterwards.

The page shows the actions whose ``allowed`` holds; a POST runs the same check again inside the service."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from zhengxie.core.choices import Role

from .. import forms, permissions, services
from ..choices import (
    RATING_PARTS,
    REPLYING_ROLES,
    KeyState,
    ProposalStatus,
    SignerRole,
    SignerStatus,
    TaskRole,
    TaskStatus,
)
from ..org_settings import setting
from ..selectors import is_insider as selectors_is_insider
from ..selectors import proposal_by_id, proposal_by_reference, signers_of, tasks_of
from ..services.common import users_with_role
from ..workflow import KEY_WORKFLOW, PROPOSAL_WORKFLOW, TASK_WORKFLOW


class Context:
    """What one request knows about one proposal and the user, computed once."""

    def __init__(self, request, proposal):
        self.request, self.user, self.org, self.proposal = request, request.user, request.organisation, proposal

    @cached_property
    def signers(self):
        return signers_of(self.proposal)

    @cached_property
    def my_signer(self):
        return permissions.signer_of(self.user, self.proposal, self.signers)

    @cached_property
    def tasks(self):
        return tasks_of(self.proposal)

    @cached_property
    def is_author(self):
        return permissions.is_author(self.user, self.proposal)

    @cached_property
    def is_office(self):
        return permissions.is_office(self.user, self.org)

    @cached_property
    def is_leader(self):
        return permissions.is_leader(self.user, self.org)

    @cached_property
    def is_party_gov(self):
        return permissions.is_party_gov(self.user, self.org)

    @cached_property
    def units(self):
        return permissions.unit_ids(self.user, self.org)

    @cached_property
    def leader_units(self):
        return permissions.leader_unit_ids(self.user, self.org)

    @cached_property
    def insider(self):
        return self.is_office or selectors_is_insider(self.user, self.proposal)

    @cached_property
    def raters(self):
        return services.raters(self.proposal, self.signers)

    @cached_property
    def awaiting_my_rating(self) -> bool:
        """An accepted reply of this round that the user (a rater) has not rated yet."""
        me = self.my_signer
        if me is None or me not in self.raters:
            return False
        return any(t.status == TaskStatus.ACCEPTED and t.role in REPLYING_ROLES
                   and not any(r.signer_id == me.pk and r.round == t.round for r in t.ratings.all())
                   for t in self.tasks)

    def can(self, action: str) -> bool:
        return PROPOSAL_WORKFLOW.can(action, self.proposal.status)

    def lead_task(self):
        return next((t for t in self.tasks if t.role == TaskRole.LEAD and t.status != TaskStatus.CANCELLED), None)

    def reply_of(self, task):
        return next((r for r in task.replies.all() if r.round == task.round), None)

    def categories(self):
        return services.reply_categories(self.org)


@dataclass
class Action:
    name: str
    label: object
    allowed: Callable
    run: Callable  # (ctx, cleaned data, target) -> result
    form: Callable | None = None  # (ctx, data, files, target, prefix) -> Form
    success: object = ""
    tone: str = "primary"
    confirm: object = ""
    note: object = ""
    choices: tuple = ()  # the words of a yes/no decision
    # Irreversible actions take a second step: a page that says what will happen (and, through ``preview``, what a
    # typed reference matched) and asks again; it is a plain form, so it works without JavaScript.
    confirm_step: bool = False
    preview: Callable | None = None  # (ctx, cleaned data, target) -> [(label, value)], may raise DomainError

    def make_form(self, ctx, target=None, data=None, files=None, prefix=None):
        if self.form is None:
            return None
        form = self.form(ctx, data, files, target, prefix or self.name)
        version_of = target if target is not None else ctx.proposal
        if "version" in form.fields and data is None:
            form.fields["version"].initial = version_of.version
        if "agree" in form.fields and self.choices:
            form.fields["agree"].choices = list(zip(("yes", "no"), self.choices, strict=True))
        return form


def plain(form_class):
    return lambda ctx, data, files, target, prefix: form_class(data, files, prefix=prefix)


def with_org(form_class):
    return lambda ctx, data, files, target, prefix: form_class(data, files, prefix=prefix, organisation=ctx.org)


def rating_form(form_class):
    """The rating form, split into 办理态度, 沟通联系 and 办理结果 where the organisation's setting says so."""
    return lambda ctx, data, files, target, prefix: form_class(data, files, prefix=prefix,
                                                               parts=setting(ctx.org, "rating_parts"),
                                                               **({"raters": ctx.raters} if form_class is
                                                                  forms.PaperRatingForm else {}))


def _rating(d):
    """The rating services' ``value`` or ``parts`` from a rating form's data."""
    if d.get("result"):
        return {"parts": {name: d[name] for name in RATING_PARTS}}
    return {"value": d["value"]}


def _v(d):
    return d.get("version")


def merge_target(ctx, data):
    """The proposal to merge into: the one chosen among the possible duplicates (by id, within the organisation),
    or the one a typed number or title designates."""
    if data.get("target_id"):
        return proposal_by_id(ctx.org, data["target_id"], exclude=ctx.proposal)
    return proposal_by_reference(ctx.org, data["target"], exclude=ctx.proposal)


def _merge_target_facts(target) -> list:
    """What a typed number or title matched, shown before merging (a fragment can match an unexpected proposal)."""
    return [(_("Merge into"), target.title), (_("Proposal number"), target.number_label or "—"),
            (_("Proposer"), target.proposer_label), (_("Status"), target.get_status_display())]


def _has_cosigners(signers) -> bool:
    """Co-signers to invite (a collective proposal's body and drafting members are none)."""
    return any(s.role == SignerRole.COSIGNER for s in signers)


def _sign_off_message(task):
    """What the leader's decision did: signed off and sent to the office, or returned to the drafter."""
    if task.status == TaskStatus.REPLIED:
        return _("The reply was signed off and sent to the proposal office.")
    return _("The reply was returned to the drafter.")


def _submit_message(result):
    if result.status == ProposalStatus.COSIGNING:
        return _("Your co-signers were invited. The proposal goes to the office when they have answered, or when "
                 "the time to answer ends.")
    return _("The proposal was submitted to the proposal office.")


PROPOSAL_ACTIONS = [
    # 提
    Action("submit", _("Submit the proposal"), lambda c: c.is_author and c.can("submit"),
           lambda c, d, t: services.proposal_submit(actor=c.user, proposal=c.proposal, version=_v(d)),
           plain(forms.VersionForm), success=_submit_message, tone="danger", confirm_step=True,
           confirm=lambda c: _("Submit this proposal? Co-signers you chose are invited now; after submission the text "
                               "can no longer be changed.") if _has_cosigners(c.signers)
           else _("Submit this proposal? After submission the text can no longer be changed.")),
    Action("withdraw", _("Withdraw"), lambda c: c.is_author and c.can("withdraw"),
           lambda c, d, t: services.proposal_withdraw(actor=c.user, proposal=c.proposal, version=_v(d)),
           plain(forms.VersionForm), success=_("The proposal was withdrawn and is a draft again."), tone="outline-secondary",
           confirm=_("Withdraw this proposal? It becomes a draft again and co-signers will be invited afresh.")),
    Action("cosign", _("Answer the invitation to co-sign"),
           lambda c: c.can("cosign") and c.my_signer is not None and c.my_signer.status == SignerStatus.INVITED,
           lambda c, d, t: services.proposal_cosign(actor=c.user, proposal=c.proposal, agree=d["agree"], comment=d["comment"]),
           plain(forms.DecisionForm), success=_("Your answer on this proposal was recorded."),
           choices=(_("I co-sign"), _("I decline"))),
    Action("conversion", _("Answer the proposed conversion"), lambda c: c.is_author and c.can("accept_conversion"),
           lambda c, d, t: services.proposal_answer_conversion(actor=c.user, proposal=c.proposal, agree=d["agree"],
                                                               comment=d["comment"], version=_v(d)),
           plain(forms.DecisionForm), success=_("Your answer on this proposal was recorded."),
           choices=(_("I agree"), _("I do not agree"))),
    # 立
    Action("prereview", _("Pass pre-review"), lambda c: c.is_office and c.can("prereview"),
           lambda c, d, t: services.proposal_prereview(actor=c.user, proposal=c.proposal, version=_v(d), comment=d["comment"]),
           plain(forms.CommentForm), success=_("Pre-review passed: the proposal is in the review queue.")),
    Action("register", _("Register the proposal"), lambda c: c.is_office and c.can("register"),
           lambda c, d, t: services.proposal_register(actor=c.user, proposal=c.proposal, version=_v(d), comment=d["comment"]),
           plain(forms.CommentForm), success=_("The proposal was registered."), tone="success"),
    Action("reject", _("Do not register"), lambda c: c.is_office and c.can("reject"),
           lambda c, d, t: services.proposal_reject(actor=c.user, proposal=c.proposal, ground=d["ground"],
                                                    comment=d["comment"], version=_v(d)),
           plain(forms.RejectForm), success=_("The proposal was not registered; the proposers were told why."),
           tone="outline-danger", confirm_step=True,
           confirm=_("Not register this proposal? The proposers are told the ground; this cannot be undone.")),
    Action("merge", _("Merge into another proposal"), lambda c: c.is_office and c.can("merge"),
           lambda c, d, t: services.proposal_merge(actor=c.user, proposal=c.proposal, target=merge_target(c, d),
                                                   comment=d["comment"], version=_v(d)),
           plain(forms.MergeForm), success=_("The proposal was merged."), tone="outline-secondary", confirm_step=True,
           confirm=_("Merge this proposal into the one below? Its proposers join that proposal; this cannot be undone."),
           preview=lambda c, d, t: _merge_target_facts(merge_target(c, d))),
    Action("convert", _("Propose a conversion"), lambda c: c.is_office and c.can("propose_conversion"),
           lambda c, d, t: services.proposal_propose_conversion(actor=c.user, proposal=c.proposal, target=d["target"],
                                                                comment=d["comment"], version=_v(d)),
           plain(forms.ConversionForm), success=_("The proposer was asked to agree to the conversion."),
           tone="outline-secondary"),
    Action("return", _("Return for revision"), lambda c: c.is_office and c.can("return"),
           lambda c, d, t: services.proposal_return(actor=c.user, proposal=c.proposal, comment=d["comment"], version=_v(d)),
           plain(forms.RequiredCommentForm), success=_("The proposal was returned to the proposer."),
           tone="outline-warning", confirm_step=True,
           confirm=_("Return this proposal to the proposer for revision? It leaves the review queue until they submit it again.")),
    # 办
    Action("assign", _("Assign"), lambda c: c.is_office and c.can("assign"),
           lambda c, d, t: services.proposal_assign(actor=c.user, proposal=c.proposal, mode=d["mode"],
                                                    lead_units=d["lead_units"], co_units=d["co_units"],
                                                    comment=d["comment"], version=_v(d)),
           lambda c, data, files, t, prefix: forms.AssignForm(
               data, files, prefix=prefix, organisation=c.org,
               initial={"lead_units": list(c.proposal.suggested_units.filter(is_active=True)[:1])}),
           success=_("The proposal was assigned."), tone="danger"),
    Action("confirm", _("Confirm the assignment"), lambda c: c.is_party_gov and c.can("confirm_assignment"),
           lambda c, d, t: (services.proposal_confirm_assignment if d["agree"] else services.proposal_send_back_assignment)(
               actor=c.user, proposal=c.proposal, comment=d["comment"], version=_v(d)),
           plain(forms.DecisionForm), success=_("Your decision on the assignment was recorded."),
           choices=(_("Confirm the assignment"), _("Send it back to the office"))),
    # 评
    Action("close", _("Close (办结)"), lambda c: c.is_office and c.can("close"),
           lambda c, d, t: services.proposal_close(actor=c.user, proposal=c.proposal, comment=d["comment"], version=_v(d)),
           plain(forms.CommentForm), success=_("The proposal was closed."), tone="success", confirm_step=True,
           confirm=_("Close this proposal (办结)? No further reply or rating can be recorded afterwards.")),
    # 督
    Action("key_nominate", _("Nominate as key proposal"),
           lambda c: c.is_office and KEY_WORKFLOW.can("nominate", c.proposal.key_state)
           and c.proposal.status in services.evaluation.KEY_PROPOSAL_STATES,
           lambda c, d, t: services.proposal_key_nominate(actor=c.user, proposal=c.proposal, comment=d["comment"], version=_v(d)),
           plain(forms.CommentForm), success=_("The leaders were asked to approve the key proposal."),
           tone="outline-danger"),
    Action("key_decide", _("Decide on the key proposal"),
           lambda c: c.is_leader and KEY_WORKFLOW.can("approve", c.proposal.key_state),
           lambda c, d, t: services.proposal_key_decide(actor=c.user, proposal=c.proposal, approve=d["agree"],
                                                        leader=leader_of(c, d["leader"]), comment=d["comment"], version=_v(d)),
           lambda c, data, files, t, prefix: forms.KeyDecisionForm(data, files, prefix=prefix, leaders=leaders(c)),
           success=_("Your decision was recorded."),
           choices=(_("Approve as key proposal"), _("Decline"))),
    Action("supervise", _("Record supervision"),
           lambda c: (c.is_office or c.is_leader) and c.proposal.key_state == KeyState.APPROVED,
           lambda c, d, t: services.supervision_add(actor=c.user, proposal=c.proposal, kind=d["kind"],
                                                    happened_on=d["happened_on"], notes=d["notes"]),
           plain(forms.SupervisionForm), success=_("The supervision record was added."), tone="outline-primary"),
    Action("publication", _("Publication"), lambda c: c.is_office and c.can("publish"),
           lambda c, d, t: services.proposal_set_publication(actor=c.user, proposal=c.proposal,
                                                             publication=d["publication"], version=_v(d)),
           plain(forms.PublicationForm), success=_("The publication setting was saved."), tone="outline-secondary"),
]


TASK_ACTIONS = [
    # the unit
    Action("contact", _("Record a contact with the proposer"),
           lambda c, t: t.unit_id in c.units and TASK_WORKFLOW.can("contact", t.status),
           lambda c, d, t: services.task_contact_add(actor=c.user, task=t, contacted_on=d["contacted_on"], way=d["way"],
                                                     notes=d["notes"]),
           plain(forms.ContactForm), success=_("The contact was recorded."), tone="outline-primary"),
    Action("input", _("Send our input to the lead unit"),
           lambda c, t: t.unit_id in c.units and t.role == TaskRole.CO and TASK_WORKFLOW.can("send_input", t.status),
           lambda c, d, t: services.task_input_send(actor=c.user, task=t, text=d["text"], upload=d["file"], version=_v(d)),
           plain(forms.InputForm), success=_("Your input was sent to the lead unit.")),
    Action("reply", _("Draft the reply"),
           lambda c, t: t.unit_id in c.units and t.role in REPLYING_ROLES and TASK_WORKFLOW.can("draft_reply", t.status),
           lambda c, d, t: services.reply_save(actor=c.user, task=t, text=d["text"], category=d["category"],
                                               contact_name=d["contact_name"], contact_phone=d["contact_phone"],
                                               upload=d["file"], letter={k: d.get(k, "") for k in
                                                                        ("issuer", "document_number", "disclosure")},
                                               promises=d["promises"]),
           lambda c, data, files, t, prefix: forms.ReplyForm(data, files, prefix=prefix, categories=c.categories(),
                                                             initial=reply_initial(c, t)),
           success=_("The reply draft was saved.")),
    Action("reply_submit", _("Send the reply on"),
           lambda c, t: t.unit_id in c.units and t.role in REPLYING_ROLES and t.status == TaskStatus.HANDLING
           and c.reply_of(t) is not None,
           lambda c, d, t: services.reply_submit(actor=c.user, task=t, version=_v(d)),
           plain(forms.VersionForm), success=_("The reply was sent on."), tone="danger",
           note=_("Co-handlers countersign first (会办); then your unit's leader signs it off.")),
    Action("countersign", _("Countersign the lead unit's reply"),
           lambda c, t: t.unit_id in c.units and t.role == TaskRole.CO and TASK_WORKFLOW.can("countersign", t.status)
           and c.lead_task() is not None and c.lead_task().status == TaskStatus.COUNTERSIGNING,
           lambda c, d, t: services.task_countersign(actor=c.user, task=t, agree=d["agree"], comment=d["comment"], version=_v(d)),
           plain(forms.DecisionForm), success=_("Your countersignature was recorded."),
           choices=(_("Countersign"), _("Refuse, with a comment"))),
    Action("signoff", _("Sign off the reply"),
           lambda c, t: t.unit_id in c.leader_units and TASK_WORKFLOW.can("sign_off", t.status),
           lambda c, d, t: services.reply_sign_off(actor=c.user, task=t, approve=d["agree"], comment=d["comment"], version=_v(d)),
           plain(forms.DecisionForm), success=_sign_off_message, tone="danger",
           choices=(_("Sign off and send to the office"), _("Return to the drafter"))),
    Action("extension", _("Ask for an extension"),
           lambda c, t: t.unit_id in c.units and t.role != TaskRole.CO and not t.extension_requested
           and TASK_WORKFLOW.can("request_extension", t.status),
           lambda c, d, t: services.task_extension_request(actor=c.user, task=t, months=d["months"], reason=d["reason"],
                                                           version=_v(d)),
           plain(forms.ExtensionForm), success=_("The office was asked for an extension."), tone="outline-secondary"),
    Action("object", _("Object to the assignment"),
           lambda c, t: t.unit_id in c.units and TASK_WORKFLOW.can("object", t.status) and not t.replies.all(),
           lambda c, d, t: services.task_object(actor=c.user, task=t, reason=d["comment"], version=_v(d)),
           plain(forms.RequiredCommentForm), success=_("Your objection was sent to the office."), tone="outline-warning",
           note=_("Units cannot pass a proposal on themselves: the office decides and reassigns it.")),
    # the office
    Action("dismiss", _("Dismiss the objection"),
           lambda c, t: c.is_office and TASK_WORKFLOW.can("dismiss_objection", t.status),
           lambda c, d, t: services.task_dismiss_objection(actor=c.user, task=t, comment=d["comment"], version=_v(d)),
           plain(forms.RequiredCommentForm), success=_("The objection was dismissed."), tone="outline-secondary"),
    Action("reassign", _("Reassign to another unit"),
           lambda c, t: c.is_office and c.can("reassign") and TASK_WORKFLOW.can("cancel", t.status),
           lambda c, d, t: services.task_reassign(actor=c.user, task=t, unit=d["unit"], comment=d["comment"], version=_v(d)),
           with_org(forms.ReassignForm), success=_("The proposal was reassigned."), tone="outline-warning"),
    Action("extension_decide", _("Decide on the extension"),
           lambda c, t: c.is_office and t.extension_requested and TASK_WORKFLOW.can("decide_extension", t.status),
           lambda c, d, t: services.task_extension_decide(actor=c.user, task=t, approve=d["agree"], comment=d["comment"],
                                                          version=_v(d)),
           plain(forms.DecisionForm), success=_("The extension was decided."),
           choices=(_("Grant the extension"), _("Refuse"))),
    Action("accept", _("Accept the reply"),
           lambda c, t: c.is_office and TASK_WORKFLOW.can("accept_reply", t.status),
           lambda c, d, t: services.reply_accept(actor=c.user, task=t, category=d["category"] or None,
                                                 comment=d["comment"], version=_v(d)),
           lambda c, data, files, t, prefix: forms.AcceptForm(data, files, prefix=prefix, categories=c.categories()),
           success=_("The reply was accepted."), tone="success"),
    Action("return_reply", _("Return the reply to the unit"),
           lambda c, t: c.is_office and TASK_WORKFLOW.can("return_reply", t.status),
           lambda c, d, t: services.reply_return(actor=c.user, task=t, comment=d["comment"], version=_v(d)),
           plain(forms.RequiredCommentForm), success=_("The reply was returned to the unit."), tone="outline-warning"),
    Action("redo", _("Order a redo (重新办理)"),
           lambda c, t: c.is_office and c.can("redo") and TASK_WORKFLOW.can("redo", t.status)
           and any(r.value == "dissatisfied" and r.round == t.round for r in t.ratings.all()),
           lambda c, d, t: services.task_redo(actor=c.user, task=t, comment=d["comment"], version=_v(d)),
           plain(forms.RequiredCommentForm), success=_("The unit was asked to handle the proposal again."),
           tone="outline-danger"),
    Action("quality", _("Rate the reply's quality"),
           lambda c, t: c.is_office and t.role in REPLYING_ROLES and TASK_WORKFLOW.can("rate_quality", t.status),
           lambda c, d, t: services.reply_rate_quality(actor=c.user, task=t, quality=d["quality"], comment=d["comment"]),
           plain(forms.QualityForm), success=_("The quality mark was saved."), tone="outline-secondary"),
    # the proposers
    Action("rate", _("Rate this reply"),
           lambda c, t: c.can("rate") and t.status == TaskStatus.ACCEPTED and t.role in REPLYING_ROLES
           and c.my_signer is not None and c.my_signer in c.raters,
           lambda c, d, t: services.proposal_rate(actor=c.user, proposal=c.proposal, task=t, comment=d["comment"],
                                                  **_rating(d)),
           rating_form(forms.RatingForm), success=_("Thank you: your rating was recorded."), tone="danger"),
    Action("paper_rating", _("Record a rating given on paper"),
           lambda c, t: c.is_office and c.can("rate_on_paper") and t.status == TaskStatus.ACCEPTED
           and t.role in REPLYING_ROLES,
           lambda c, d, t: services.proposal_rate_on_paper(actor=c.user, proposal=c.proposal, task=t,
                                                           signer=next(s for s in c.raters if s.pk == d["signer"]),
                                                           comment=d["comment"], **_rating(d)),
           rating_form(forms.PaperRatingForm),
           success=_("The rating was recorded."), tone="outline-secondary"),
]

PROPOSAL_ACTION_MAP = {a.name: a for a in PROPOSAL_ACTIONS}
TASK_ACTION_MAP = {a.name: a for a in TASK_ACTIONS}


def reply_initial(ctx, task):
    reply = ctx.reply_of(task)
    if reply is not None:
        promised = {}
        for n, promise in enumerate(reply.promises, start=1):
            promised.update({f"measure_{n}": promise["measure"], f"due_{n}": promise["due_on"]})
        return {"text": reply.text, "category": reply.category, "contact_name": reply.contact_name,
                "contact_phone": reply.contact_phone, "issuer": reply.issuer,
                "document_number": reply.document_number, "disclosure": reply.disclosure, **promised}
    return {"contact_name": task.unit.contact_name, "contact_phone": task.unit.contact_phone}


def leaders(ctx):
    return users_with_role(ctx.org, Role.LEADER)


def leader_of(ctx, pk):
    return next((u for u in leaders(ctx) if u.pk == pk), None) if pk else None

