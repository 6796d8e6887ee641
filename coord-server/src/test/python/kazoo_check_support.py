"""Helpers shared by kazoo_check.py and kazoo_recipe_checks.py: assertions, waiting, a TCP proxy.

CheckFailed carries the one-line reason a check prints. The waits poll with a bounded deadline.
Proxy relays one server port and lets a check freeze the relay (the server then sees a silent
client and expires its session) or cut every relayed connection (the client sees a dropped socket
and reconnects).
"""

import re
import select
import socket
import threading
import time

WAIT_SECONDS = 15
SEQUENCE_SUFFIX = re.compile(r"^(.*?)(\d{10})$")


class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def expect_raises(exc_type, fn, *args, **kwargs):
    try:
        result = fn(*args, **kwargs)
    except exc_type as e:
        return e
    except Exception as e:  # noqa: BLE001 - report the wrong exception precisely
        raise CheckFailed("expected %s, got %s: %s" % (exc_type.__name__, type(e).__name__, e))
    raise CheckFailed("expected %s, got result %r" % (exc_type.__name__, result))


def wait_for(predicate, what, seconds=WAIT_SECONDS):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise CheckFailed("timed out after %ss waiting for %s" % (seconds, what))


def wait_event(event, what, seconds=WAIT_SECONDS):
    if not event.wait(seconds):
        raise CheckFailed("timed out after %ss waiting for %s" % (seconds, what))


class Proxy:
    """A TCP relay to the server that the checks can freeze (stop relaying) or cut (close all)."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.frozen = threading.Event()
        self.closed = False
        self.pairs = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def address(self):
        return "127.0.0.1:%d" % self.port

    def _accept(self):
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.pairs.append((client, upstream))
            threading.Thread(target=self._relay, args=(client, upstream), daemon=True).start()

    def _relay(self, a, b):
        socks = [a, b]
        try:
            while not self.closed:
                if self.frozen.is_set():
                    time.sleep(0.05)
                    continue
                readable, _, _ = select.select(socks, [], [], 0.1)
                for s in readable:
                    data = s.recv(65536)
                    if not data:
                        return
                    (b if s is a else a).sendall(data)
        except (OSError, ValueError):
            return
        finally:
            a.close()
            b.close()

    def cut(self):
        with self.lock:
            pairs, self.pairs = self.pairs, []
        for a, b in pairs:
            for s in (a, b):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()

    def close(self):
        self.closed = True
        self.listener.close()
        self.cut()
