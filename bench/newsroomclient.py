"""A newsroom client for the bench scripts: keeps cookies and the form token, sends the Origin a
browser sends, one connection per request (like a browser's form posts)."""
import http.client, re, time, urllib.parse


class NewsroomClient:
    def __init__(self, port):
        self.port, self.cookies, self.csrf = port, {}, ""

    def request(self, method, path, fields=None):
        """(status, Location, body text, seconds)"""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Origin": f"http://127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = urllib.parse.urlencode(fields) if fields is not None else None
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        elapsed = time.perf_counter() - started
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, cookie = value.split(";", 1)[0].partition("=")
                if "Max-Age=0" in value:
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = cookie
        token = re.search(r'name="csrf" value="([^"]*)"', text)
        if token:
            self.csrf = token.group(1)
        return response.status, response.getheader("Location") or "", text, elapsed

    def sign_in(self, name, password):
        self.request("GET", "/login")
        status, _, _, _ = self.request("POST", "/login", [("csrf", self.csrf), ("name", name), ("password", password), ("next", "/")])
        if status != 303:
            raise SystemExit(f"bench: newsroom sign-in failed ({status})")
        self.request("GET", "/")
