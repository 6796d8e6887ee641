#!/usr/bin/python3
"""Puts two ZooKeeper-compatible servers in the same state and prints their four-letter-word answers.

Usage: /usr/bin/python3 fourletter_compare.py HOST:PORT HOST:PORT [WORD ...]

For each server: resets the statistics (srst, crst), connects one kazoo client that creates an
ephemeral node, a persistent node with a data watch, an exists watch on a missing node and a child
watch on the parent, and performs a fixed number of reads and writes. Then it sends each word
(default: ruok isro srvr stat cons mntr wchs wchc wchp dump conf envi dirs gtmk) over a fresh socket
the way `nc` does without -N (write, then read until the server closes), and prints the answers of
both servers one after the other, each labelled with the server and the word. Session ids are
printed so that lines can be matched up. Used to fill docs/checks/real-clients.md.
"""

import logging
import socket
import sys

from kazoo.client import KazooClient

DEFAULT_WORDS = ["ruok", "isro", "srvr", "stat", "cons", "mntr", "wchs", "wchc", "wchp", "dump",
                 "conf", "envi", "dirs", "gtmk"]
READ_TIMEOUT_SECONDS = 5
ANSWER_BYTES_MAX = 1 << 20


def ask(host, port, word):
    with socket.create_connection((host, port), timeout=READ_TIMEOUT_SECONDS) as s:
        s.sendall(word.encode("ascii"))
        chunks, size = [], 0
        try:
            while size < ANSWER_BYTES_MAX:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        except socket.timeout:
            chunks.append(b"<no close after %ds>" % READ_TIMEOUT_SECONDS)
        return b"".join(chunks).decode("utf-8", "replace")


def prepare(hosts):
    host, port = hosts.rsplit(":", 1)
    ask(host, int(port), "srst")
    ask(host, int(port), "crst")
    zk = KazooClient(hosts=hosts, timeout=10.0)
    zk.start()
    base = "/fourletter_compare"
    if zk.exists(base):
        zk.delete(base, recursive=True)
    zk.create(base + "/watched", b"12345", makepath=True)
    zk.create(base + "/eph", b"", ephemeral=True)
    for i in range(5):
        zk.set(base + "/watched", str(i).encode())
        zk.get(base + "/watched")
    zk.get(base + "/watched", watch=lambda event: None)
    zk.exists(base + "/missing", watch=lambda event: None)
    zk.get_children(base, watch=lambda event: None)
    return zk


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.CRITICAL)
    servers = argv[1:3]
    words = argv[3:] or DEFAULT_WORDS
    clients = [prepare(s) for s in servers]
    try:
        for s, c in zip(servers, clients):
            print("# %s: session 0x%x" % (s, c.client_id[0]))
        for word in words:
            for s in servers:
                host, port = s.rsplit(":", 1)
                answer = ask(host, int(port), word)
                print("===== %s  %s  (%d bytes)" % (word, s, len(answer)))
                print(answer, end="" if answer.endswith("\n") else "<no final newline>\n")
    finally:
        for c in clients:
            c.delete("/fourletter_compare", recursive=True)
            c.stop()
            c.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
