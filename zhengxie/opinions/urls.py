from django.urls import path

from .views import bulletins, figures, reports, signoff

app_name = "opinions"

urlpatterns = [
    path("", reports.home, name="home"),
    path("mine/", reports.mine, name="mine"),
    path("queue/", reports.queue, name="queue"),
    path("queue/export/", reports.queue_export, name="queue_export"),
    path("similar/", reports.similar, name="similar"),
    path("new/", reports.submit, name="submit"),
    path("<int:pk>/", reports.detail, name="detail"),
    path("<int:pk>/amend/", reports.amend, name="amend"),
    path("<int:pk>/withdraw/", reports.withdraw, name="withdraw"),
    path("<int:pk>/accept/", reports.accept, name="accept"),
    path("<int:pk>/not-use/", reports.not_use, name="not_use"),
    path("<int:pk>/reopen/", reports.reopen, name="reopen"),
    path("<int:pk>/edit/", reports.edit, name="edit"),
    path("<int:pk>/diff/", reports.diff, name="diff"),
    path("<int:pk>/forward/", reports.forward, name="forward"),
    path("<int:pk>/adoptions/", reports.record_adoption, name="record_adoption"),
    path("<int:pk>/instructions/", reports.record_instruction, name="record_instruction"),
    path("<int:pk>/attachments/<int:attachment_id>/", reports.attachment, name="attachment"),
    path("bulletins/", bulletins.bulletin_list, name="bulletin_list"),
    path("bulletins/new/", bulletins.bulletin_create, name="bulletin_create"),
    path("bulletins/place/", bulletins.bulletin_place, name="bulletin_place"),
    path("bulletins/<int:pk>/", bulletins.bulletin_detail, name="bulletin_detail"),
    path("bulletins/<int:pk>/remove/<int:report_id>/", bulletins.bulletin_unplace, name="bulletin_unplace"),
    path("bulletins/<int:pk>/move/<int:report_id>/", bulletins.bulletin_move, name="bulletin_move"),
    path("bulletins/<int:pk>/submit/", bulletins.bulletin_submit, name="bulletin_submit"),
    path("bulletins/<int:pk>/return/", bulletins.bulletin_return, name="bulletin_return"),
    path("bulletins/<int:pk>/review/", signoff.bulletin_review, name="bulletin_review"),
    path("bulletins/template/", signoff.bulletin_template, name="bulletin_template"),
    path("bulletins/<int:pk>/sign-off/", bulletins.bulletin_sign_off, name="bulletin_sign_off"),
    path("bulletins/<int:pk>/send/", bulletins.bulletin_send, name="bulletin_send"),
    path("bulletins/<int:pk>/forward/", bulletins.bulletin_forward, name="bulletin_forward"),
    path("bulletins/<int:pk>/delete/", bulletins.bulletin_delete, name="bulletin_delete"),
    path("bulletins/<int:pk>/document.<str:kind>", bulletins.bulletin_document, name="bulletin_document"),
    path("figures/", figures.figures_page, name="figures"),
    path("figures/export/", figures.figures_export, name="figures_export"),
]
