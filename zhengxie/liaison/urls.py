from django.urls import path

from .views import contacts, information, inquiries, topics

app_name = "liaison"

urlpatterns = [
    path("", information.home, name="home"),
    path("info/", information.info_list, name="info_list"),
    path("info/new/", information.info_new, name="info_new"),
    path("info/<int:pk>/", information.info_detail, name="info_detail"),
    path("info/<int:pk>/edit/", information.info_edit, name="info_edit"),
    path("info/<int:pk>/publish/", information.info_publish, name="info_publish"),
    path("info/<int:pk>/withdraw/", information.info_withdraw, name="info_withdraw"),
    path("info/<int:pk>/reopen/", information.info_reopen, name="info_reopen"),
    path("info/<int:pk>/files/", information.info_attach, name="info_attach"),
    path("info/<int:pk>/read/", information.info_read, name="info_read"),
    path("info/<int:pk>/link/", information.info_link, name="info_link"),
    path("info/<int:pk>/links/<int:link_id>/remove/", information.info_unlink, name="info_unlink"),
    path("info/<int:pk>/files/<int:attachment_id>/", information.info_attachment, name="info_attachment"),
    path("info/<int:pk>/files/<int:attachment_id>/preview/", information.info_preview, name="info_preview"),
    path("questions/", inquiries.inquiry_list, name="inquiry_list"),
    path("questions/new/", inquiries.inquiry_new, name="inquiry_new"),
    path("questions/<int:pk>/", inquiries.inquiry_detail, name="inquiry_detail"),
    path("questions/<int:pk>/answer/", inquiries.inquiry_answer, name="inquiry_answer"),
    path("questions/<int:pk>/withdraw/", inquiries.inquiry_withdraw, name="inquiry_withdraw"),
    path("questions/<int:pk>/public/", inquiries.inquiry_public, name="inquiry_public"),
]

urlpatterns += [
    path("topics/", topics.topic_list, name="topic_list"),
    path("topics/new/", topics.topic_new, name="topic_new"),
    path("topics/suggest/", topics.topic_suggest, name="topic_suggest"),
    path("topics/import/", topics.topic_import_page, name="topic_import"),
    path("topics/import/template/", topics.topic_import_template, name="topic_import_template"),
    path("topics/<int:pk>/", topics.topic_detail, name="topic_detail"),
    path("topics/<int:pk>/edit/", topics.topic_edit, name="topic_edit"),
    path("topics/<int:pk>/claim/", topics.topic_claim, name="topic_claim"),
    path("topics/<int:pk>/follow/", topics.topic_follow, name="topic_follow"),
    path("topics/<int:pk>/accept/", topics.topic_accept, name="topic_accept"),
    path("topics/<int:pk>/decline/", topics.topic_decline, name="topic_decline"),
    path("topics/<int:pk>/close/", topics.topic_close, name="topic_close"),
    path("topics/<int:pk>/reopen/", topics.topic_reopen, name="topic_reopen"),
    path("public/<int:org_id>/topics/", topics.public_topic, name="public_topic"),
    path("contacts/", contacts.assignment_list, name="assignment_list"),
    path("contacts/new/", contacts.assignment_new, name="assignment_new"),
    path("contacts/<int:pk>/", contacts.assignment_detail, name="assignment_detail"),
    path("contacts/<int:pk>/visits/", contacts.visit_log, name="visit_log"),
    path("contacts/<int:pk>/visits/<int:visit_id>/follow-up/", contacts.visit_follow_up, name="visit_follow_up"),
    path("contacts/<int:pk>/contacts/", contacts.assignment_contacts, name="assignment_contacts"),
    path("contacts/<int:pk>/contacts/<int:contact_id>/remove/", contacts.contact_remove, name="contact_remove"),
    path("contacts/<int:pk>/end/", contacts.assignment_end, name="assignment_end"),
]
