"""DingTalk (钉钉) work notices (工作通知): ``gettoken`` (appkey + appsecret), then
``topapi/message/corpconversation/asyncsend_v2`` with the application's agent_id and the person's userid, as a
link message. 143103/143104 (and their ISV kin) are DingTalk's per-minute limits."""

from .apps import AppMessageProvider
from .base import Message, TokenCache


class DingTalkProvider(AppMessageProvider):
    channel = "dingtalk"
    options = ("base_url", "app_key", "agent_id")
    secret_names = ("app_secret",)
    default_base_url = "https://oapi.dingtalk.com"
    token_path, send_path = "/gettoken", "/topapi/message/corpconversation/asyncsend_v2"
    token_params = (("appkey", "app_key"), ("appsecret", "app_secret"))
    token_gone = frozenset({40014, 42001, 88})
    rate_limited = frozenset({90018, 143103, 143104, 143203, 143204})
    retryable = frozenset({-1, 1430003})
    tokens = TokenCache("dingtalk")

    def payload(self, config, message: Message) -> dict:
        return {"agent_id": int(config.options.get("agent_id") or 0), "userid_list": message.to,
                "msg": {"msgtype": "link", "link": {"messageUrl": message.url, "title": message.title[:100],
                                                    "text": message.text[:500], "picUrl": "@lADOADmaWMzazQKA"}}}

    def accepted(self, answer: dict) -> str:
        return str(answer.get("task_id", ""))
