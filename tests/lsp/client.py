"""A scripted LSP client for the tests of `wegwijzer lsp`: it frames messages, answers the
server's requests (questions, edits, refreshes) and keeps what the server published."""

import json
import os
import queue
import subprocess
import threading
import time
from urllib.parse import quote, unquote


def uri(path):
    return "file://" + quote(os.path.abspath(path))


def path_of(u):
    return unquote(u[len("file://"):])


def offset_of(text, line, character):
    """The index into `text` (a str) of an LSP position (UTF-16 characters)."""
    lines = text.split("\n")
    if line >= len(lines):
        return len(text)
    at = sum(len(l) + 1 for l in lines[:line])
    units = 0
    for i, ch in enumerate(lines[line]):
        if units >= character:
            return at + i
        units += 2 if ord(ch) > 0xFFFF else 1
    return at + len(lines[line])


def position_of(text, index):
    before = text[:index]
    line = before.count("\n")
    col = before[before.rfind("\n") + 1:]
    return {"line": line, "character": sum(2 if ord(c) > 0xFFFF else 1 for c in col)}


def apply_edits(text, edits):
    spans = []
    for e in edits:
        r = e["range"]
        a = offset_of(text, r["start"]["line"], r["start"]["character"])
        b = offset_of(text, r["end"]["line"], r["end"]["character"])
        spans.append((a, b, e["newText"]))
    for a, b, new in sorted(spans, reverse=True):
        text = text[:a] + new + text[b:]
    return text


class Client:
    def __init__(self, binary, args=(), env=None, answers=None):
        self.proc = subprocess.Popen([binary, "lsp", *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        self.next_id = 0
        self.responses = {}
        self.diagnostics = {}      # uri -> latest list
        self.published = []        # (time, uri, diagnostics)
        self.notifications = []
        self.server_requests = []
        self.docs = {}             # uri -> (text, version)
        self.answers = list(answers or [])  # titles to pick in showMessageRequest
        self.cond = threading.Condition()
        self.closed = False
        threading.Thread(target=self._read, daemon=True).start()

    # --- framing ---
    def send_raw(self, data: bytes):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    with self.cond:
                        self.closed = True
                        self.cond.notify_all()
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = out.read(length)
            message = json.loads(body)
            self._dispatch(message)

    def _dispatch(self, m):
        if "method" in m and "id" in m:
            self.server_requests.append(m)
            result = self._answer(m)
            self.send({"jsonrpc": "2.0", "id": m["id"], "result": result})
            return
        with self.cond:
            if "id" in m:
                self.responses[m["id"]] = m
            elif m.get("method") == "textDocument/publishDiagnostics":
                p = m["params"]
                self.diagnostics[p["uri"]] = p["diagnostics"]
                self.published.append((time.monotonic(), p["uri"], p["diagnostics"]))
            else:
                self.notifications.append(m)
            self.cond.notify_all()

    def _answer(self, m):
        method = m["method"]
        if method == "window/showMessageRequest":
            actions = [a["title"] for a in m["params"].get("actions", [])]
            for want in list(self.answers):
                if want in actions:
                    self.answers.remove(want)
                    return {"title": want}
            return {"title": actions[0]} if actions else None
        if method == "workspace/applyEdit":
            self.apply_workspace_edit(m["params"]["edit"], to_disk=True)
            return {"applied": True}
        return None

    # --- requests ---
    def request(self, method, params, timeout=60):
        self.next_id += 1
        i = self.next_id
        self.send({"jsonrpc": "2.0", "id": i, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        with self.cond:
            while i not in self.responses:
                left = deadline - time.monotonic()
                if left <= 0 or self.closed:
                    raise AssertionError(f"no answer to {method} within {timeout} s")
                self.cond.wait(left)
            return self.responses.pop(i)

    def result(self, method, params, timeout=60):
        r = self.request(method, params, timeout)
        assert "error" not in r, f"{method}: {r['error']}"
        return r["result"]

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def initialize(self, root, options=None):
        caps = {"workspace": {"codeLens": {"refreshSupport": True}, "applyEdit": True,
                              "workspaceEdit": {"documentChanges": True,
                                                "resourceOperations": ["create"]}},
                "textDocument": {"publishDiagnostics": {"relatedInformation": True}}}
        r = self.result("initialize", {"processId": os.getpid(), "rootUri": uri(root),
                                       "capabilities": caps,
                                       "initializationOptions": options or {}})
        self.notify("initialized", {})
        return r

    def open(self, path, text=None):
        if text is None:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        u = uri(path)
        self.docs[u] = (text, 1)
        self.notify("textDocument/didOpen", {"textDocument": {"uri": u, "languageId": "wegwijzer",
                                                              "version": 1, "text": text}})
        return u

    def change(self, u, text):
        version = self.docs[u][1] + 1
        self.docs[u] = (text, version)
        self.notify("textDocument/didChange", {"textDocument": {"uri": u, "version": version},
                                               "contentChanges": [{"text": text}]})

    def text(self, u):
        if u in self.docs:
            return self.docs[u][0]
        with open(path_of(u), encoding="utf-8") as f:
            return f.read()

    def apply_workspace_edit(self, edit, to_disk=False):
        changes = dict(edit.get("changes", {}))
        for dc in edit.get("documentChanges", []):
            if dc.get("kind") == "create":
                p = path_of(dc["uri"])
                if not os.path.exists(p):
                    open(p, "w").close()
                continue
            changes.setdefault(dc["textDocument"]["uri"], []).extend(dc["edits"])
        for u, edits in changes.items():
            new = apply_edits(self.text(u), edits)
            if u in self.docs:
                self.change(u, new)
            if to_disk or u not in self.docs:
                with open(path_of(u), "w", encoding="utf-8") as f:
                    f.write(new)

    def wait_for(self, predicate, timeout=120, what="a condition"):
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                if predicate():
                    return
                left = deadline - time.monotonic()
                if left <= 0 or self.closed:
                    raise AssertionError(f"waited {timeout} s for {what}"
                                         + (": the server ended" if self.closed else ""))
                self.cond.wait(min(left, 0.5))

    def checked(self, count):
        """Waits for the server's `$/wegwijzer/checked` notification number `count`."""
        self.wait_for(lambda: sum(n["method"] == "$/wegwijzer/checked"
                                  for n in self.notifications) >= count,
                      what=f"check number {count}")

    def checks(self):
        return sum(n["method"] == "$/wegwijzer/checked" for n in self.notifications)

    def finish(self):
        self.result("shutdown", None)
        self.notify("exit", None)
        try:
            return self.proc.wait(timeout=30)
        finally:
            self.proc.stdin.close()
