"""SMS: a template code and its parameters, as the government SMS platforms and the cloud SMS services take them.

- ``GatewaySms``: a generic HTTP gateway (政务短信平台 and most provincial ones): a JSON POST signed with
  HMAC-SHA256 over the timestamp, a nonce and the body's SHA-256.
- ``AliyunSms``: Alibaba Cloud ``SendSms`` (API version 2017-05-25), RPC style, signature version 1.0 (HMAC-SHA1
  over ``GET&%2F&`` and the percent-encoded, sorted query).
- ``TencentSms``: Tencent Cloud ``SendSms`` (API version 2021-01-11), signature v3 (TC3-HMAC-SHA256).
"""

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
import time
from urllib.parse import quote

from .base import Message, Provider, ProviderError, credentials, http, json_of


def _china(phone: str) -> str:
    return phone.removeprefix("+86").removeprefix("0086")


class GatewaySms(Provider):
    channel = "sms"
    options = ("base_url", "account", "sign_name")
    secret_names = ("secret",)

    @staticmethod
    def signature(secret: str, timestamp: str, nonce: str, body: bytes) -> str:
        payload = f"{timestamp}\n{nonce}\n{hashlib.sha256(body).hexdigest()}".encode()
        return hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()

    def send(self, config, message: Message) -> str:
        account, secret = config.options.get("account", ""), credentials(config).get("secret", "")
        body = json.dumps({"account": account, "mobile": _china(message.to), "sign_name": config.options.get(
            "sign_name", ""), "template_code": message.template_code, "params": message.params,
            "content": message.text}, ensure_ascii=False, separators=(",", ":")).encode()
        timestamp, nonce = str(int(time.time())), secrets.token_hex(8)
        headers = {"Content-Type": "application/json; charset=utf-8", "X-Account": account, "X-Timestamp": timestamp,
                   "X-Nonce": nonce, "X-Signature": self.signature(secret, timestamp, nonce, body)}
        answer = json_of(http("POST", self.base_url(config, "") + "/sms/send", data=body, headers=headers))
        code = str(answer.get("code", ""))
        if code == "0":
            return str(answer.get("msg_id", ""))
        reason = f"{code} {answer.get('message', '')}".strip()
        raise ProviderError(reason, retry=code.startswith("5"), rate_limited=code == "429")


def percent(text: str) -> str:
    """RFC 3986 encoding as Alibaba Cloud's signature wants it (space %20, ``~`` kept)."""
    return quote(str(text), safe="-_.~")


class AliyunSms(Provider):
    channel = "sms"
    options = ("base_url", "access_key_id", "sign_name", "region")
    secret_names = ("access_key_secret",)
    default_base_url = "https://dysmsapi.aliyuncs.com"
    RATE_CODES = ("isv.BUSINESS_LIMIT_CONTROL", "Throttling", "Throttling.User")
    RETRY_CODES = ("isp.SYSTEM_ERROR", "ServiceUnavailable", "InternalError")

    @staticmethod
    def signature(secret: str, params: dict, method: str = "GET") -> str:
        query = "&".join(f"{percent(k)}={percent(params[k])}" for k in sorted(params))
        to_sign = f"{method}&{percent('/')}&{percent(query)}"
        digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
        return base64.b64encode(digest).decode()

    def send(self, config, message: Message) -> str:
        params = {
            "AccessKeyId": config.options.get("access_key_id", ""), "Action": "SendSms", "Format": "JSON",
            "PhoneNumbers": _china(message.to), "RegionId": config.options.get("region") or "cn-hangzhou",
            "SignName": config.options.get("sign_name", ""), "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": secrets.token_hex(16), "SignatureVersion": "1.0", "TemplateCode": message.template_code,
            "TemplateParam": json.dumps(message.params, ensure_ascii=False, separators=(",", ":")),
            "Timestamp": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "Version": "2017-05-25",
        }
        params["Signature"] = self.signature(credentials(config).get("access_key_secret", ""), params)
        query = "&".join(f"{percent(k)}={percent(v)}" for k, v in params.items())
        answer = json_of(http("GET", f"{self.base_url(config, self.default_base_url)}/?{query}"))
        code = answer.get("Code", "")
        if code == "OK":
            return str(answer.get("BizId", ""))
        raise ProviderError(f"{code} {answer.get('Message', '')}".strip(), retry=code in self.RETRY_CODES,
                            rate_limited=code in self.RATE_CODES)


def _hmac256(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


class TencentSms(Provider):
    channel = "sms"
    options = ("base_url", "secret_id", "sdk_app_id", "sign_name", "region")
    secret_names = ("secret_key",)
    default_base_url = "https://sms.tencentcloudapi.com"
    HOST = "sms.tencentcloudapi.com"
    SERVICE = "sms"
    CONTENT_TYPE = "application/json; charset=utf-8"

    @classmethod
    def authorization(cls, *, secret_id: str, secret_key: str, timestamp: int, body: bytes, host: str) -> str:
        date = dt.datetime.fromtimestamp(timestamp, dt.UTC).strftime("%Y-%m-%d")
        canonical = "\n".join(["POST", "/", "", f"content-type:{cls.CONTENT_TYPE}\nhost:{host}\n", "content-type;host",
                               hashlib.sha256(body).hexdigest()])
        scope = f"{date}/{cls.SERVICE}/tc3_request"
        to_sign = "\n".join(["TC3-HMAC-SHA256", str(timestamp), scope, hashlib.sha256(canonical.encode()).hexdigest()])
        key = _hmac256(_hmac256(_hmac256(f"TC3{secret_key}".encode(), date), cls.SERVICE), "tc3_request")
        signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        return (f"TC3-HMAC-SHA256 Credential={secret_id}/{scope}, SignedHeaders=content-type;host, "
                f"Signature={signature}")

    def send(self, config, message: Message) -> str:
        phone = message.to if message.to.startswith("+") else f"+86{message.to}"
        body = json.dumps({"PhoneNumberSet": [phone], "SmsSdkAppId": config.options.get("sdk_app_id", ""),
                           "SignName": config.options.get("sign_name", ""), "TemplateId": message.template_code,
                           "TemplateParamSet": [str(v) for v in message.params.values()]},
                          ensure_ascii=False, separators=(",", ":")).encode()
        timestamp = int(time.time())
        headers = {
            "Content-Type": self.CONTENT_TYPE, "Host": self.HOST, "X-TC-Action": "SendSms",
            "X-TC-Version": "2021-01-11", "X-TC-Timestamp": str(timestamp),
            "X-TC-Region": config.options.get("region") or "ap-guangzhou",
            "Authorization": self.authorization(secret_id=config.options.get("secret_id", ""),
                                                secret_key=credentials(config).get("secret_key", ""),
                                                timestamp=timestamp, body=body, host=self.HOST),
        }
        answer = json_of(http("POST", self.base_url(config, self.default_base_url) + "/", data=body,
                              headers=headers)).get("Response", {})
        if "Error" in answer:
            code = answer["Error"].get("Code", "")
            raise ProviderError(f"{code} {answer['Error'].get('Message', '')}".strip(),
                                retry=code.startswith(("InternalError", "FailedOperation.Timeout")),
                                rate_limited=code.startswith(("RequestLimitExceeded", "LimitExceeded")))
        [status] = answer.get("SendStatusSet") or [{}]
        if status.get("Code") == "Ok":
            return str(status.get("SerialNo", ""))
        code = status.get("Code", "")
        raise ProviderError(f"{code} {status.get('Message', '')}".strip(), retry=False,
                            rate_limited=code.startswith("LimitExceeded"))
