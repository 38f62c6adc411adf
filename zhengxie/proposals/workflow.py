"""The states of a proposal, of a unit's handling task and of a key-proposal nomination, and every transition
between them. Services ask these tables before they change anything; the server refuses what is not here.

    提  draft ─invite→ cosigning ─close_cosigning→ submitted          (draft ─submit→ submitted when nobody is invited)
    立  submitted ─prereview→ reviewing ─register / reject / merge / propose_conversion→ …    (return → returned)
    办  registered ─assign→ handling   (or ─assign→ confirming ─confirm_assignment→ handling)
    评  handling ─replies_accepted→ evaluating ─close→ closed          (evaluating ─redo→ handling)
"""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.workflow import Transition, Workflow

from .choices import REGISTERED_STATES, JointStatus, KeyState, ProposalStatus, TaskStatus

P = ProposalStatus
T = TaskStatus

PROPOSAL_WORKFLOW = Workflow(
    "proposal",
    [
        # 提
        Transition("save", sources=[P.DRAFT, P.RETURNED], target=None, label=_("Save")),
        Transition("invite", sources=[P.DRAFT, P.RETURNED], target=P.COSIGNING, label=_("Invite co-signers")),
        Transition("cosign", sources=[P.COSIGNING], target=None, label=_("Answer the invitation")),
        Transition("submit", sources=[P.DRAFT, P.RETURNED, P.COSIGNING], target=P.SUBMITTED, label=_("Submit the proposal")),
        Transition("close_cosigning", sources=[P.COSIGNING], target=P.SUBMITTED, label=_("Close the co-signing")),
        Transition("withdraw", sources=[P.COSIGNING, P.SUBMITTED], target=P.DRAFT, label=_("Withdraw")),
        # 立
        Transition("prereview", sources=[P.SUBMITTED], target=P.REVIEWING, label=_("Pass pre-review")),
        Transition("return", sources=[P.SUBMITTED, P.REVIEWING], target=P.RETURNED, label=_("Return for revision")),
        Transition("register", sources=[P.REVIEWING], target=P.REGISTERED, label=_("Register the proposal")),
        Transition("reject", sources=[P.REVIEWING], target=P.REJECTED, label=_("Do not register")),
        Transition("merge", sources=[P.REVIEWING], target=P.MERGED, label=_("Merge into another proposal")),
        Transition("propose_conversion", sources=[P.REVIEWING], target=P.CONVERSION_PENDING,
                   label=_("Propose a conversion")),
        Transition("accept_conversion", sources=[P.CONVERSION_PENDING], target=P.CONVERTED,
                   label=_("Agree to the conversion")),
        Transition("refuse_conversion", sources=[P.CONVERSION_PENDING], target=P.REVIEWING,
                   label=_("Refuse the conversion")),
        # 办
        Transition("assign", sources=[P.REGISTERED], target=P.HANDLING, label=_("Assign")),
        Transition("assign_for_confirmation", sources=[P.REGISTERED], target=P.CONFIRMING,
                   label=_("Assign (to be confirmed)")),
        Transition("confirm_assignment", sources=[P.CONFIRMING], target=P.HANDLING, label=_("Confirm the assignment")),
        Transition("send_back_assignment", sources=[P.CONFIRMING], target=P.REGISTERED,
                   label=_("Send the assignment back")),
        Transition("reassign", sources=[P.HANDLING], target=None, label=_("Reassign")),
        Transition("replies_accepted", sources=[P.HANDLING], target=P.EVALUATING, label=_("All replies accepted")),
        # 评
        Transition("rate", sources=[P.EVALUATING], target=None, label=_("Rate the reply")),
        Transition("rate_on_paper", sources=[P.EVALUATING], target=None, label=_("Record a rating given on paper")),
        Transition("redo", sources=[P.EVALUATING], target=P.HANDLING, label=_("Order a redo")),
        Transition("close", sources=[P.EVALUATING], target=P.CLOSED, label=_("Close the proposal")),
        # 督 and publication: events on registered proposals that keep the state
        Transition("publish", sources=sorted(REGISTERED_STATES), target=None, label=_("Change publication")),
    ],
    states=ProposalStatus,
)

TASK_WORKFLOW = Workflow(
    "handling task",
    [
        Transition("activate", sources=[T.PENDING], target=T.HANDLING, label=_("Confirm the assignment")),
        Transition("cancel", sources=[T.PENDING, T.HANDLING, T.OBJECTED, T.INPUT_SENT], target=T.CANCELLED,
                   label=_("Withdraw from the unit")),
        Transition("object", sources=[T.HANDLING], target=T.OBJECTED, label=_("Object to the assignment")),
        Transition("dismiss_objection", sources=[T.OBJECTED], target=T.HANDLING, label=_("Dismiss the objection")),
        Transition("contact", sources=[T.HANDLING, T.COUNTERSIGNING, T.SIGNOFF, T.INPUT_SENT], target=None,
                   label=_("Record a contact with the proposer")),
        Transition("request_extension", sources=[T.HANDLING, T.COUNTERSIGNING, T.SIGNOFF], target=None,
                   label=_("Ask for an extension")),
        Transition("decide_extension", sources=[T.HANDLING, T.COUNTERSIGNING, T.SIGNOFF, T.REPLIED], target=None,
                   label=_("Decide on the extension")),
        Transition("draft_reply", sources=[T.HANDLING], target=None, label=_("Draft the reply")),
        Transition("send_input", sources=[T.HANDLING, T.INPUT_SENT], target=T.INPUT_SENT,
                   label=_("Send input to the lead unit")),
        Transition("request_countersign", sources=[T.HANDLING], target=T.COUNTERSIGNING,
                   label=_("Send for countersignature")),
        Transition("countersign", sources=[T.INPUT_SENT], target=T.COUNTERSIGNED, label=_("Countersign")),
        Transition("refuse_countersign", sources=[T.INPUT_SENT], target=None, label=_("Refuse to countersign")),
        Transition("countersigned", sources=[T.COUNTERSIGNING], target=T.SIGNOFF, label=_("All countersigned")),
        Transition("countersign_refused", sources=[T.COUNTERSIGNING], target=T.HANDLING,
                   label=_("Countersignature refused")),
        Transition("return_to_drafter", sources=[T.SIGNOFF], target=T.HANDLING, label=_("Return to the drafter")),
        Transition("return_reply", sources=[T.REPLIED], target=T.HANDLING, label=_("Return the reply to the unit")),
        Transition("redo", sources=[T.ACCEPTED], target=T.HANDLING, label=_("Handle again")),
        Transition("reset_countersign", sources=[T.COUNTERSIGNED], target=T.INPUT_SENT,
                   label=_("Ask for a new countersignature")),
        Transition("request_signoff", sources=[T.HANDLING], target=T.SIGNOFF, label=_("Send for sign-off")),
        Transition("sign_off", sources=[T.SIGNOFF], target=T.REPLIED, label=_("Sign off and send")),
        Transition("accept_reply", sources=[T.REPLIED], target=T.ACCEPTED, label=_("Accept the reply")),
        Transition("rate_quality", sources=[T.REPLIED, T.ACCEPTED], target=None, label=_("Rate the reply's quality")),
    ],
    states=TaskStatus,
)

KEY_WORKFLOW = Workflow(
    "key proposal",
    [
        Transition("nominate", sources=[KeyState.NONE], target=KeyState.NOMINATED, label=_("Nominate as key proposal")),
        Transition("approve", sources=[KeyState.NOMINATED], target=KeyState.APPROVED, label=_("Approve as key proposal")),
        Transition("decline", sources=[KeyState.NOMINATED], target=KeyState.NONE, label=_("Decline")),
        Transition("supervise", sources=[KeyState.APPROVED], target=None, label=_("Record supervision")),
    ],
    states=KeyState,
)

J = JointStatus

#: 联合提案 of committees: draft ─send→ cosigning ─close_cosigning→ sent ─receive→ received (a proposal of the higher
#: committee, which goes on through its own 立、办、督、评), or, sent outside the deployment, ─record_outcome→
#: registered / not_registered.
JOINT_WORKFLOW = Workflow(
    "joint proposal",
    [
        Transition("save", sources=[J.DRAFT], target=None, label=_("Save")),
        Transition("invite", sources=[J.DRAFT], target=J.COSIGNING, label=_("Invite the committees to co-sign")),
        Transition("cosign", sources=[J.COSIGNING], target=None, label=_("Answer the invitation")),
        Transition("send", sources=[J.DRAFT], target=J.SENT, label=_("Send to the higher committee")),
        Transition("close_cosigning", sources=[J.COSIGNING], target=J.SENT, label=_("Close the co-signing")),
        Transition("receive", sources=[J.SENT], target=J.RECEIVED, label=_("Receive the joint proposal")),
        Transition("record_registered", sources=[J.SENT, J.REGISTERED, J.NOT_REGISTERED], target=J.REGISTERED,
                   label=_("Record the outcome: registered")),
        Transition("record_not_registered", sources=[J.SENT, J.REGISTERED, J.NOT_REGISTERED],
                   target=J.NOT_REGISTERED, label=_("Record the outcome: not registered")),
        Transition("registered_above", sources=[J.RECEIVED], target=None,
                   label=_("Registered by the higher committee")),
    ],
    states=JointStatus,
)
