from django.urls import path

from .views import (
    detail,
    documents,
    drafting,
    joint,
    letters,
    lists,
    office,
    office_tools,
    public,
    suggestions,
    supervision,
    units,
)

app_name = "proposals"

urlpatterns = [
    path("", lists.proposal_list, name="list"),
    path("export/", lists.proposal_export, name="export"),
    # 提
    path("new/", drafting.proposal_new, name="new"),
    path("autosave/", drafting.autosave, name="autosave"),
    path("<int:pk>/edit/", drafting.proposal_edit, name="edit"),
    path("<int:pk>/delete/", drafting.proposal_delete, name="delete"),
    path("<int:pk>/signers/", drafting.signers, name="signers"),
    path("<int:pk>/attachments/", drafting.attachment_upload, name="attachment_upload"),
    path("<int:pk>/attachments/<int:attachment_pk>/remove/", drafting.attachment_remove, name="attachment_remove"),
    # the proposal's page and its actions
    path("<int:pk>/", detail.proposal_detail, name="detail"),
    path("<int:pk>/do/<slug:action>/", detail.proposal_action, name="action"),
    path("<int:pk>/duplicates/", suggestions.duplicates, name="duplicates"),
    path("<int:pk>/suggested-units/", suggestions.suggested_units, name="suggested_units"),
    path("drafting-checks/", suggestions.drafting_checks, name="drafting_checks"),
    path("tasks/<int:pk>/do/<slug:action>/", detail.task_action, name="task_action"),
    path("attachments/<int:pk>/", detail.attachment_download, name="attachment"),
    # 立 and 办: the office's desks
    path("review/", office.review_queue, name="review"),
    path("review/batch/", office.review_batch, name="review_batch"),
    path("handling/", office.handling_desk, name="handling"),
    # the unit's workbench
    path("unit/", units.workbench, name="workbench"),
    path("unit/export/", units.workbench_export, name="workbench_export"),
    # 督 and 评
    path("supervision/", supervision.supervision, name="supervision"),
    path("supervision/export/", supervision.supervision_export, name="supervision_export"),
    path("key/", supervision.key_list, name="key"),
    path("key/<int:pk>/leaders/", supervision.key_leaders, name="key_leaders"),
    path("awards/", supervision.awards, name="awards"),
    path("awards/<int:pk>/revoke/", supervision.award_revoke, name="award_revoke"),
    # documents
    path("<int:pk>/document.<str:fmt>", documents.proposal_document, name="document"),
    path("replies/<int:pk>/letter.<str:fmt>", documents.reply_letter, name="reply_letter"),
    path("compilation/", office_tools.compilation, name="compilation"),
    path("compilations/", office_tools.compilations, name="compilations"),
    # the office's paperwork
    path("units/<int:unit_pk>/assignment-paper.docx", office_tools.assignment_paper, name="assignment_paper"),
    path("units/<int:unit_pk>/seal/", office_tools.unit_seal, name="unit_seal"),
    path("units/<int:unit_pk>/seal/image", office_tools.unit_seal_image, name="unit_seal_image"),
    path("units/seals/", office_tools.unit_seals, name="unit_seals"),
    path("unit/receipt/", office_tools.receipt_confirm, name="receipt_confirm"),
    path("confirmations/", office_tools.confirmations, name="confirmations"),
    path("handling/replies/accept/", office_tools.replies_accept, name="replies_accept"),
    path("tasks/<int:pk>/remind/", office_tools.task_remind, name="task_remind"),
    path("assessment/", office_tools.assessment, name="assessment"),
    path("assessment/export/", office_tools.assessment_export, name="assessment_export"),
    path("assessment/award/", office_tools.assessment_award, name="assessment_award"),
    # joint proposals of committees (联合提案)
    path("joint/", joint.joint_list, name="joint_list"),
    path("joint/new/", joint.joint_new, name="joint_new"),
    path("joint/<int:pk>/", joint.joint_detail, name="joint_detail"),
    path("joint/<int:pk>/edit/", joint.joint_edit, name="joint_edit"),
    path("joint/<int:pk>/files/<int:attachment_pk>/", joint.joint_attachment, name="joint_attachment"),
    # member letters
    path("letters/", letters.letter_list, name="letters"),
    path("letters/<int:pk>/", letters.letter_detail, name="letter"),
    # published, no login
    path("public/", public.public_index, name="public_index"),
    path("public/<int:org>/", public.public_list, name="public_list"),
    path("public/<int:org>/<int:pk>/", public.public_detail, name="public_detail"),
]
