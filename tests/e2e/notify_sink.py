#!/usr/bin/env python3
"""Plays systemd's side of sd_notify(3) for tests/e2e/t_systemd.mjs (node has no unix
datagram sockets): binds a datagram socket at PATH, prints "listening", then one JSON string
per datagram received, as it comes. Ends when its standard input closes, so that it never
outlives the test that started it.
    python3 notify_sink.py PATH
"""
import json
import os
import select
import socket
import sys


def main():
    path = sys.argv[1]
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    print("listening", flush=True)
    try:
        while True:
            ready, _, _ = select.select([sock, sys.stdin], [], [])
            if sys.stdin in ready and not os.read(sys.stdin.fileno(), 4096):
                return
            if sock in ready:
                data = sock.recv(65536)
                print(json.dumps(data.decode("utf-8", "replace")), flush=True)
    finally:
        sock.close()
        os.unlink(path)


if __name__ == "__main__":
    main()
