#!/usr/bin/python3
"""Drives ZooKeeper's zkCli.sh through a list of commands and prints a transcript, one block per command.

Usage: zkcli_transcript.py ZKCLI HOST:PORT COMMANDS_FILE [QUIET_SECONDS]

zkCli without JLine reads commands from stdin and prints no prompt, so its output cannot be split
by command afterwards. This script writes one command at a time and waits until zkCli has been
quiet for QUIET_SECONDS (default 0.4) before writing the next, then prints "[n] command" followed by
what zkCli printed (stdout and stderr merged). Lines of COMMANDS_FILE that are empty or start with
'#' are skipped. Two directives run outside zkCli: '!sleep SECONDS' waits, and '!sh COMMAND' runs a
shell command (e.g. a four-letter word through nc) and prints its output as the block. SLF4J's
start-up noise is dropped.
"""

import os
import queue
import subprocess
import sys
import threading
import time


def main(argv):
    if len(argv) < 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    zkcli, server, commands_file = argv[1:4]
    quiet = float(argv[4]) if len(argv) > 4 else 0.4
    commands = [line.rstrip("\n") for line in open(commands_file, encoding="utf-8")
                if line.strip() and not line.lstrip().startswith("#")]
    proc = subprocess.Popen([zkcli, "-server", server], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, cwd="/tmp", env=dict(os.environ))
    lines = queue.Queue()

    def pump():
        for raw in proc.stdout:
            lines.put(raw.decode("utf-8", "replace").rstrip("\n"))
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()

    def drain(first_wait):
        out, deadline = [], time.monotonic() + first_wait
        while True:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return out, False
            if line is None:
                return out, True
            if not line.startswith("SLF4J:"):
                out.append(line)
            deadline = time.monotonic() + quiet

    banner, _ = drain(5.0)
    print("[connect] zkCli.sh -server %s" % server)
    print("\n".join(banner))
    for n, command in enumerate(commands):
        if command.startswith("!sleep "):
            time.sleep(float(command.split()[1]))
            print("[%d] %s" % (n, command))
            continue
        if command.startswith("!sh "):
            shell = subprocess.run(command[4:], shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            print("[%d] %s" % (n, command))
            print(shell.stdout.decode("utf-8", "replace").rstrip("\n"))
            continue
        proc.stdin.write((command + "\n").encode("utf-8"))
        proc.stdin.flush()
        out, ended = drain(quiet + (1.5 if command.split()[0] in ("connect", "close", "sync") else 0))
        print("[%d] %s" % (n, command))
        if out:
            print("\n".join(out))
        if ended:
            break
    proc.stdin.close()
    rest, _ = drain(2.0)
    if rest:
        print("[exit]")
        print("\n".join(rest))
    proc.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
