from django.urls import path

from .views import (
    detail,
    documents,
    drafting,
    letters,
    lists,
    office,
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
    path("awards/", supervision.awards, name="awards"),
    path("awards/<int:pk>/revoke/", supervision.award_revoke, name="award_revoke"),
    # documents
    path("<int:pk>/document.<str:fmt>", documents.proposal_document, name="document"),
    path("replies/<int:pk>/letter.<str:fmt>", documents.reply_letter, name="reply_letter"),
    path("compilation/", documents.compilation, name="compilation"),
    # member letters
    path("letters/", letters.letter_list, name="letters"),
    path("letters/<int:pk>/", letters.letter_detail, name="letter"),
    # published, no login
    path("public/", public.public_index, name="public_index"),
    path("public/<int:org>/", public.public_list, name="public_list"),
    path("public/<int:org>/<int:pk>/", public.public_detail, name="public_detail"),
]
