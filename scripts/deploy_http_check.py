"""The HTTP half of scripts/deploy_check.sh: what an operator opens after a deployment, through the front door.

    python deploy_http_check.py http://127.0.0.1:18431 USERNAME PASSWORD

Standard library only (it runs with the freshly installed copy's Python). Sends X-Forwarded-Proto: https as nginx
does, so the production settings (secure cookies, HTTPS redirect) are the ones checked. Exits 1 at the first check
that fails, saying which.
"""

import http.client
import re
import sys
import time
from urllib.parse import urlencode, urlsplit


class Browser:
    def __init__(self, base: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None, timeout: float = 30):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        headers = {"Host": f"{self.host}:{self.port}", "X-Forwarded-Proto": "https", "X-Real-IP": "127.0.0.1",
                   "Accept-Language": "zh-CN"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://{self.host}:{self.port}{path}"
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        content = response.read()
        for key, value in response.getheaders():
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        conn.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, content


def check(condition: bool, what: str, detail: str = "") -> None:
    if not condition:
        print(f"FAILED: {what} {detail}".rstrip())
        sys.exit(1)
    print(f"ok: {what}")


def main(base: str, username: str, password: str) -> None:
    browser = Browser(base)
    started = time.monotonic()

    status, headers, body = browser.request("GET", "/readyz")
    check(status == 200 and b'"database": "ok"' in body and b'"tasks": "ok"' in body, "/readyz says ready", body[:200])

    status, headers, body = browser.request("GET", "/accounts/login/")
    page = body.decode()
    check(status == 200 and 'name="password"' in page, "the login page", f"{status}")
    check("登录" in page, "the login page is in Chinese")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    check(token is not None, "the login form has a CSRF token")

    css = re.search(r'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css)"', page)
    check(css is not None, "pages name static files by their hashed names")
    status, headers, body = browser.request("GET", css.group(1))
    check(status == 200 and headers.get("content-type", "").startswith("text/css") and len(body) > 100_000,
          f"a static asset by its hashed name ({css.group(1)})", f"{status} {headers.get('content-type')}")
    check("immutable" in headers.get("cache-control", "") or "max-age" in headers.get("cache-control", ""),
          "hashed static files are cached", headers.get("cache-control", ""))

    status, headers, body = browser.request("POST", "/accounts/login/", {
        "csrfmiddlewaretoken": token.group(1), "username": username, "password": password, "next": "/"})
    check(status == 302, f"{username} logs in", f"{status} {body[:300]!r}")

    status, headers, body = browser.request("GET", "/")
    page = body.decode()
    check(status == 200 and "工作台" in page, "the member's workbench", f"{status}")

    status, headers, body = browser.request("GET", "/duties/record/")
    page = body.decode()
    check(status == 200, "the member's duty record", f"{status}")
    links = re.search(r'href="(/duties/members/\d+/report)\.docx(\?[^"]*)?"', page)
    check(links is not None, "the duty record links its Word and PDF reports")
    query = (links.group(2) or "").replace("&amp;", "&")
    status, headers, body = browser.request("GET", f"{links.group(1)}.docx{query}")
    check(status == 200 and body[:4] == b"PK\x03\x04" and "wordprocessingml" in headers.get("content-type", ""),
          "a Word download", f"{status} {headers.get('content-type')}")
    status, headers, body = browser.request("GET", f"{links.group(1)}.pdf{query}")
    check(status == 200 and body[:5] == b"%PDF-" and headers.get("content-type") == "application/pdf",
          "a PDF download", f"{status} {headers.get('content-type')}")

    status, headers, body = browser.request("GET", "/no-such-page/")
    check(status == 404 and "工作台" in body.decode(), "a missing page is the platform's 404")
    print(f"HTTP checks passed in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main(*sys.argv[1:4])
