"""WeCom (企业微信) application messages: ``cgi-bin/gettoken`` (corpid + the application's secret), then
``cgi-bin/message/send`` as a text card to the person's UserID. A lapsed (42001) or invalid (40014) token is
fetched again once; 45009 and its kin are WeCom's rate limits."""

from .apps import AppMessageProvider
from .base import Message, ProviderError, TokenCache


class WeComProvider(AppMessageProvider):
    channel = "wecom"
    options = ("base_url", "corp_id", "agent_id")
    secret_names = ("corp_secret",)
    default_base_url = "https://qyapi.weixin.qq.com"
    token_path, send_path = "/cgi-bin/gettoken", "/cgi-bin/message/send"
    token_params = (("corpid", "corp_id"), ("corpsecret", "corp_secret"))
    token_gone = frozenset({40014, 42001})
    rate_limited = frozenset({45009, 45033, 45047})
    tokens = TokenCache("wecom")

    def payload(self, config, message: Message) -> dict:
        return {"touser": message.to, "msgtype": "textcard", "agentid": int(config.options.get("agent_id") or 0),
                "textcard": {"title": message.title[:128], "description": message.text[:512], "url": message.url,
                             "btntxt": "详情"},
                "enable_duplicate_check": 1, "duplicate_check_interval": 1800}

    def accepted(self, answer: dict) -> str:
        if answer.get("invaliduser"):
            raise ProviderError(f"invaliduser {answer['invaliduser']}", retry=False)
        return str(answer.get("msgid", ""))
