#!/usr/bin/env python3
"""The lab CA's CRL server: python3's http.server serving one directory on
ADDR:PORT, each request logged as a lab action line ("time crl [ACT] ...")
appended to the run's actions.log, so the capture's .log shows what was
fetched and what was answered.

Usage: crl-server.py ADDR PORT DIR ACTIONS_LOG
"""
import functools
import http.server
import sys
import time


class Handler(http.server.SimpleHTTPRequestHandler):
    actions = None

    def log_request(self, code='-', size='-'):
        now = time.time()
        stamp = time.strftime('%H:%M:%S', time.localtime(now)) + '.%03d' % int(now % 1 * 1000)
        with open(self.actions, 'a') as f:
            f.write('%s crl   [ACT] HTTP %s from %s -> %s\n' % (stamp, self.requestline, self.client_address[0], code))

    def log_message(self, fmt, *args):
        pass


def main():
    addr, port, root, actions = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    Handler.actions = actions
    handler = functools.partial(Handler, directory=root)
    http.server.HTTPServer((addr, port), handler).serve_forever()


if __name__ == '__main__':
    main()
