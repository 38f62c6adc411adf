from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "zhengxie.api"
    label = "zx_api"
