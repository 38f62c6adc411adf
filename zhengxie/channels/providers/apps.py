"""What WeCom and DingTalk share: an application's access token (``gettoken``), cached until shortly before it
expires, and a send that fetches the token once more when the provider says it lapsed."""

from .base import Message, Provider, ProviderError, TokenCache, credentials, http, json_of


class AppMessageProvider(Provider):
    token_path = ""
    send_path = ""
    token_params: tuple[tuple[str, str], ...] = ()  # (the provider's name, our option or secret name)
    token_gone: frozenset = frozenset()
    rate_limited: frozenset = frozenset()
    retryable: frozenset = frozenset({-1})
    tokens: TokenCache

    def token_parts(self, config) -> tuple[str, ...]:
        return (self.base_url(config, self.default_base_url), *(str(config.options.get(n, ""))
                                                                for n in self.options if n != "base_url"))

    def token(self, config) -> str:
        secret = credentials(config)

        def fetch():
            params = {name: secret.get(ours) or config.options.get(ours, "") for name, ours in self.token_params}
            answer = json_of(http("GET", self.base_url(config, self.default_base_url) + self.token_path,
                                  params=params))
            if answer.get("errcode"):
                raise self.error(answer)
            return answer["access_token"], answer.get("expires_in", 7200)

        return self.tokens.get(self.token_parts(config), fetch)

    def payload(self, config, message: Message) -> dict:
        raise NotImplementedError

    def send(self, config, message: Message) -> str:
        url = self.base_url(config, self.default_base_url) + self.send_path
        payload = self.payload(config, message)
        for attempt in (1, 2):
            answer = json_of(http("POST", url, params={"access_token": self.token(config)}, json=payload))
            if answer.get("errcode") in self.token_gone and attempt == 1:
                self.tokens.drop(self.token_parts(config))
                continue
            break
        if answer.get("errcode"):
            raise self.error(answer)
        return self.accepted(answer)

    def accepted(self, answer: dict) -> str:
        return ""

    def error(self, answer) -> ProviderError:
        code = answer.get("errcode")
        return ProviderError(f"{code} {answer.get('errmsg', '')}".strip(),
                             retry=code in self.retryable or code in self.token_gone,
                             rate_limited=code in self.rate_limited)
