#!/usr/bin/env python3
"""send-runts.py SRC DST: send IKE "runts" from SRC to DST, for the ike-runts lab
scenario (run inside the lab's ini namespace; DST is the lab's responder).

  UDP 500 -> 500:   28 datagrams with 0, 1, ..., 27 bytes of payload: the first
                    N bytes of an ISAKMP header (shorter than its 28 bytes)
  UDP 4500 -> 4500: the non-ESP marker (4 zero bytes) followed by 0, 12 and 27
                    bytes of the same header

Each datagram is announced on stdout 20 ms before it is sent.

The header is a Main Mode MM1 header with a fixed, made-up initiator cookie
(49 4b 44 52 55 4e 54 53, "IKDRUNTS"), responder cookie 0, next payload SA,
version 1.0, exchange 2 (ID_PROT), flags 0, message ID 0, length 180 (a length
the datagram never carries).  One datagram every 100 ms."""
import socket
import sys
import time

HEADER = (bytes.fromhex('494b4452554e5453')      # initiator cookie
          + bytes(8)                             # responder cookie
          + bytes([1, 0x10, 2, 0])               # next payload SA, version 1.0, ID_PROT, flags
          + bytes(4)                             # message ID
          + (180).to_bytes(4, 'big'))            # length
assert len(HEADER) == 28


def send(src, dst, port, payloads):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((src, port))
    for p in payloads:
        # announce first (the lab logs this line as an [ACT]), then send
        print('sending %d bytes %s:%d -> %s:%d: %s' % (len(p), src, port, dst, port, p.hex() or '(empty)'),
              flush=True)
        time.sleep(0.02)
        s.sendto(p, (dst, port))
        time.sleep(0.08)
    s.close()


def main():
    src, dst = sys.argv[1], sys.argv[2]
    send(src, dst, 500, [HEADER[:n] for n in range(28)])
    send(src, dst, 4500, [bytes(4) + HEADER[:n] for n in (0, 12, 27)])
    return 0


if __name__ == '__main__':
    sys.exit(main())
