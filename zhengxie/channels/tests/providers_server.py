"""A stand-in for the providers' HTTP APIs (a small threaded HTTP server), close enough to check every request
the platform sends: the government gateway's HMAC, Alibaba Cloud's RPC signature, Tencent Cloud's TC3 signature,
WeCom's and DingTalk's access tokens. Each check is written here from the providers' documents, not by calling
the platform's own signing code. The server can be told to fail, to answer slowly, or to answer a rate limit.

    def test_x(providers):
        providers.fail_next("aliyun", code="isv.BUSINESS_LIMIT_CONTROL")
"""

import base64
import datetime as dt
import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote, urlsplit

SECRETS = {"gateway": "gw-secret", "aliyun": "ali-secret", "tencent": "tc-secret", "wecom": "wx-secret",
           "dingtalk": "dd-secret"}


@dataclass
class Call:
    api: str
    method: str
    path: str
    query: dict
    headers: dict
    body: dict | None
    problems: list = field(default_factory=list)


class Stub:
    def __init__(self):
        self.calls: list[Call] = []
        self.faults: dict[str, list] = {}
        self.tokens: dict[str, str] = {}
        self.token_requests = {"wecom": 0, "dingtalk": 0}
        self.lock = threading.Lock()
        self.url = ""

    def fail_next(self, api: str, kind: str = "error", **details):
        """``kind``: error (the provider's refusal, ``code``), rate (a rate limit), slow (no answer in time),
        server (HTTP 500), expire (the access token lapsed)."""
        self.faults.setdefault(api, []).append((kind, details))

    def fault(self, api: str):
        with self.lock:
            queue = self.faults.get(api) or []
            return queue.pop(0) if queue else (None, {})

    def of(self, api: str) -> list[Call]:
        return [c for c in self.calls if c.api == api]

    def problems(self) -> list[str]:
        return [p for c in self.calls for p in c.problems]


def _percent(text: str) -> str:
    return quote(str(text), safe="-_.~")


def check_aliyun(query: dict, secret: str) -> list[str]:
    problems = [f"missing {k}" for k in ("AccessKeyId", "Action", "PhoneNumbers", "SignName", "TemplateCode",
                                           "TemplateParam", "SignatureNonce", "Timestamp", "Version")
                if not query.get(k)]
    params = {k: v for k, v in query.items() if k != "Signature"}
    canonical = "&".join(f"{_percent(k)}={_percent(params[k])}" for k in sorted(params))
    string = "GET&%2F&" + _percent(canonical)
    expected = base64.b64encode(hmac.new(f"{secret}&".encode(), string.encode(), hashlib.sha1).digest()).decode()
    if query.get("Signature") != expected:
        problems.append("aliyun: bad signature")
    if query.get("SignatureMethod") != "HMAC-SHA1" or query.get("SignatureVersion") != "1.0":
        problems.append("aliyun: signature method")
    if query.get("Version") != "2017-05-25" or query.get("Action") != "SendSms":
        problems.append("aliyun: action or version")
    return problems


def check_tencent(headers: dict, raw: bytes, secret: str) -> list[str]:
    problems = []
    auth = headers.get("authorization", "")
    timestamp = int(headers.get("x-tc-timestamp", "0"))
    if abs(time.time() - timestamp) > 300:
        problems.append("tencent: stale timestamp")
    date = dt.datetime.fromtimestamp(timestamp, dt.UTC).strftime("%Y-%m-%d")
    canonical_headers = f"content-type:{headers.get('content-type', '')}\nhost:{headers.get('host', '')}\n"
    canonical = f"POST\n/\n\n{canonical_headers}\ncontent-type;host\n{hashlib.sha256(raw).hexdigest()}"
    scope = f"{date}/sms/tc3_request"
    to_sign = f"TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{hashlib.sha256(canonical.encode()).hexdigest()}"

    def mac(key, msg):
        return hmac.new(key, msg.encode(), hashlib.sha256).digest()

    key = mac(mac(mac(("TC3" + secret).encode(), date), "sms"), "tc3_request")
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    if f"Signature={signature}" not in auth or f"/{scope}," not in auth:
        problems.append("tencent: bad signature")
    if headers.get("x-tc-action") != "SendSms" or headers.get("x-tc-version") != "2021-01-11":
        problems.append("tencent: action or version")
    return problems


def check_gateway(headers: dict, raw: bytes, secret: str) -> list[str]:
    payload = f"{headers.get('x-timestamp')}\n{headers.get('x-nonce')}\n{hashlib.sha256(raw).hexdigest()}"
    expected = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    return [] if headers.get("x-signature") == expected else ["gateway: bad signature"]


class Handler(BaseHTTPRequestHandler):
    stub: Stub = None

    def log_message(self, *args):
        pass

    def _answer(self, payload, status=200):
        body = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _record(self, api, raw=b""):
        parts = urlsplit(self.path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        call = Call(api, self.command, parts.path, dict(parse_qsl(parts.query)), headers, body)
        with self.stub.lock:
            self.stub.calls.append(call)
        return call

    def _faulted(self, api, call, refusal):
        kind, details = self.stub.fault(api)
        if kind == "slow":
            time.sleep(details.get("seconds", 1.0))
        elif kind == "server":
            self._answer({"message": "internal error"}, 500)
            return True
        elif kind in ("error", "rate"):
            self._answer(refusal(details.get("code") or ("rate" if kind == "rate" else "refused")))
            return True
        elif kind == "expire":
            self.stub.tokens.pop(api, None)
        return False

    def do_GET(self):  # noqa: N802
        path = urlsplit(self.path).path
        if path == "/cgi-bin/gettoken":
            return self._token("wecom", "corpid", "corpsecret", "wx-corp")
        if path == "/gettoken":
            return self._token("dingtalk", "appkey", "appsecret", "dd-app")
        if path == "/":
            return self._aliyun()
        self._answer({"error": "not found"}, 404)

    def do_POST(self):  # noqa: N802
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        path = urlsplit(self.path).path
        if path == "/sms/send":
            return self._gateway(raw)
        if path == "/":
            return self._tencent(raw)
        if path == "/cgi-bin/message/send":
            return self._app_message("wecom", raw, ("touser", "agentid", "msgtype"))
        if path == "/topapi/message/corpconversation/asyncsend_v2":
            return self._app_message("dingtalk", raw, ("agent_id", "userid_list", "msg"))
        self._answer({"error": "not found"}, 404)

    def _token(self, api, id_name, secret_name, expected_id):
        call = self._record(api)
        self.stub.token_requests[api] += 1
        if call.query.get(id_name) != expected_id or call.query.get(secret_name) != SECRETS[api]:
            call.problems.append(f"{api}: bad credentials")
            return self._answer({"errcode": 40001, "errmsg": "invalid credential"})
        token = f"{api}-token-{self.stub.token_requests[api]}"
        self.stub.tokens[api] = token
        self._answer({"errcode": 0, "errmsg": "ok", "access_token": token, "expires_in": 7200})

    def _app_message(self, api, raw, required):
        call = self._record(api, raw)
        refusal = {"wecom": lambda code: {"errcode": 45009 if code == "rate" else int(code) if str(code).isdigit()
                                          else 81013, "errmsg": "refused"},
                   "dingtalk": lambda code: {"errcode": 143103 if code == "rate" else int(code) if str(code).isdigit()
                                             else 33012, "errmsg": "refused"}}[api]
        if self._faulted(api, call, refusal):
            return
        if call.query.get("access_token") != self.stub.tokens.get(api):
            return self._answer({"errcode": 42001, "errmsg": "access_token expired"})
        missing = [k for k in required if not (call.body or {}).get(k)]
        if missing:
            call.problems.append(f"{api}: missing {missing}")
            return self._answer({"errcode": 40003, "errmsg": "invalid parameters"})
        if api == "dingtalk" and not isinstance(call.body["msg"], dict):
            call.problems.append("dingtalk: msg must be an object")
        self._answer({"errcode": 0, "errmsg": "ok", "msgid": "wx-1", "task_id": 256271667526,
                      "request_id": "4jzllmte0wau"})

    def _aliyun(self):
        call = self._record("aliyun")
        call.problems += check_aliyun(call.query, SECRETS["aliyun"])
        refusal = lambda code: {"Code": "isv.BUSINESS_LIMIT_CONTROL" if code == "rate" else code,  # noqa: E731
                                "Message": "触发分钟级流控" if code == "rate" else "refused", "RequestId": "r"}
        if self._faulted("aliyun", call, refusal):
            return
        self._answer({"Code": "OK", "Message": "OK", "BizId": "900619746936498440^0", "RequestId": "F655A8D5"})

    def _tencent(self, raw):
        call = self._record("tencent", raw)
        call.problems += check_tencent(call.headers, raw, SECRETS["tencent"])
        refusal = lambda code: {"Response": {"Error": {  # noqa: E731
            "Code": "RequestLimitExceeded" if code == "rate" else code, "Message": "refused"}, "RequestId": "r"}}
        if self._faulted("tencent", call, refusal):
            return
        phones = (call.body or {}).get("PhoneNumberSet", [])
        self._answer({"Response": {"SendStatusSet": [{"SerialNo": "5000:1045710669157053657849499619", "PhoneNumber": p,
                                                      "Fee": 1, "Code": "Ok", "Message": "send success"}
                                                     for p in phones], "RequestId": "a0aabda6"}})

    def _gateway(self, raw):
        call = self._record("gateway", raw)
        call.problems += check_gateway(call.headers, raw, SECRETS["gateway"])
        refusal = lambda code: {"code": "429" if code == "rate" else code, "message": "refused"}  # noqa: E731
        if self._faulted("gateway", call, refusal):
            return
        self._answer({"code": "0", "message": "ok", "msg_id": "gw-1"})


def start() -> tuple[ThreadingHTTPServer, Stub]:
    stub = Stub()
    handler = type("BoundHandler", (Handler,), {"stub": stub})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stub.url = f"http://127.0.0.1:{server.server_address[1]}"
    return server, stub
