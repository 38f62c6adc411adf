import json

import pytest

from . import providers_server


@pytest.fixture(scope="session")
def provider_server():
    server, stub = providers_server.start()
    yield stub
    server.shutdown()


@pytest.fixture
def providers(provider_server, settings):
    """The providers' stand-in, emptied for each test. The time limit is generous (a shared, loaded machine answers
    slowly); the tests of slow answers shorten it with ``short_timeout``."""
    from django.core.cache import cache

    settings.CHANNELS_HTTP_TIMEOUT = 10
    provider_server.calls.clear()
    provider_server.faults.clear()
    provider_server.tokens.clear()
    provider_server.token_requests.update(wecom=0, dingtalk=0)
    cache.clear()  # the access tokens and the rate counters
    yield provider_server
    assert not provider_server.problems(), provider_server.problems()


@pytest.fixture
def short_timeout(providers, settings):
    """Half a second to answer, for the tests of a provider that answers too late (``fail_next(..., "slow")``)."""
    settings.CHANNELS_HTTP_TIMEOUT = 0.5


SETUPS = {
    "gateway": ("sms", "gateway", {"account": "zx-tianshui", "sign_name": "天水政协", "template_code": "ZX_001"},
                {"secret": providers_server.SECRETS["gateway"]}),
    "aliyun": ("sms", "aliyun", {"access_key_id": "LTAI-test", "sign_name": "天水政协", "template_code": "SMS_1530"},
               {"access_key_secret": providers_server.SECRETS["aliyun"]}),
    "tencent": ("sms", "tencent", {"secret_id": "AKID-test", "sdk_app_id": "1400006666", "sign_name": "天水政协",
                                   "template_code": "449739"}, {"secret_key": providers_server.SECRETS["tencent"]}),
    "wecom": ("wecom", "", {"corp_id": "wx-corp", "agent_id": "1000002"},
              {"corp_secret": providers_server.SECRETS["wecom"]}),
    "dingtalk": ("dingtalk", "", {"app_key": "dd-app", "agent_id": "2211"},
                 {"app_secret": providers_server.SECRETS["dingtalk"]}),
}


@pytest.fixture
def configure(providers):
    """``configure(org, "aliyun")``: switch the channel on for the organisation, pointed at the stand-in."""
    from zhengxie.channels.models import ChannelConfig

    def make(organisation, api: str, **extra):
        channel, provider, options, secrets = SETUPS[api]
        config, _ = ChannelConfig.objects.update_or_create(
            organisation=organisation, channel=channel,
            defaults={"enabled": True, "provider": provider, "options": {**options, "base_url": providers.url},
                      "secrets": json.dumps(secrets), **extra})
        return config

    return make
