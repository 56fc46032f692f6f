"""A real SMTP server (aiosmtpd) on loopback for the tests that need mail to arrive."""

from __future__ import annotations

import email
import threading

from aiosmtpd.controller import Controller

import hg


class Mailbox:
    """Collects every message the SMTP server accepts."""

    def __init__(self):
        self.messages: list[email.message.Message] = []
        self.lock = threading.Lock()
        self.port = hg.free_port()
        self._ctl = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def start(self) -> "Mailbox":
        self._ctl.start()
        return self

    def stop(self):
        self._ctl.stop()

    def region_args(self) -> list[str]:
        """`homeground up` flags that send the region's mail here."""
        return ["--smtp-host", "127.0.0.1", "--smtp-port", str(self.port), "--smtp-from", "alerts@kg.example"]

    def wait_for(self, pred, timeout=30.0, what="mail"):
        def find():
            with self.lock:
                return next((m for m in self.messages if pred(m)), None)
        return hg.wait_until(find, timeout=timeout, interval=0.2, what=what)


def body(msg) -> str:
    payload = msg.get_payload(decode=True)
    text = payload.decode("utf-8") if payload is not None else msg.get_payload()
    return text.replace("\r\n", "\n")
