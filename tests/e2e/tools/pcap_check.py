#!/usr/bin/env python3
"""Checks a capture of the lab's underlay for plaintext, or replays datagrams from it.

  pcap_check.py PCAP MARKER IP...        exit 1 if MARKER or any IP (as 4 raw bytes) is in a packet,
                                         or if fewer than MIN_SLEEVE_BYTES (default 1 MB) of UDP to
                                         port 6783 was captured
  pcap_check.py --inject PCAP FROM TO    sends one captured FROM -> TO:6783 sleeve datagram to TO
                                         again as it was (a replay), then with one body bit flipped
                                         (run it in the switch namespace)
"""
import os
import socket
import struct
import sys

LINK_HEADERS = {1: 14, 113: 16, 276: 20, 101: 0, 12: 0}


def packets(path):
    with open(path, 'rb') as f:
        data = f.read()
    magic = struct.unpack('<I', data[:4])[0]
    endian = '<' if magic in (0xa1b2c3d4, 0xa1b23c4d) else '>'
    linktype = struct.unpack(endian + 'I', data[20:24])[0]
    skip = LINK_HEADERS.get(linktype)
    if skip is None:
        sys.exit('unknown link type %d' % linktype)
    at = 24
    while at + 16 <= len(data):
        incl = struct.unpack(endian + 'I', data[at + 8:at + 12])[0]
        frame = data[at + 16:at + 16 + incl]
        at += 16 + incl
        ip = frame[skip:]
        if linktype == 1 and frame[12:14] != b'\x08\x00':
            yield frame, None
            continue
        yield frame, ip


def udp(ip):
    """(src, dst, dport, payload) of an IPv4 UDP packet, else None."""
    if ip is None or len(ip) < 28 or ip[0] >> 4 != 4 or ip[9] != 17:
        return None
    ihl = (ip[0] & 15) * 4
    dport = struct.unpack('>H', ip[ihl + 2:ihl + 4])[0]
    return socket.inet_ntoa(ip[12:16]), socket.inet_ntoa(ip[16:20]), dport, ip[ihl + 8:]


def check(path, marker, ips):
    needles = [(marker, marker.encode())] + [(ip, socket.inet_aton(ip)) for ip in ips]
    sleeve_bytes = 0
    found = []
    count = 0
    for frame, ip in packets(path):
        count += 1
        u = udp(ip)
        if u and u[2] == 6783:
            sleeve_bytes += len(u[3])
        for name, needle in needles:
            if needle in frame:
                found.append(name)
    print('%d packets, %d bytes of sleeve datagrams' % (count, sleeve_bytes))
    if found:
        print('in clear on the underlay: %s' % sorted(set(found)))
        return 1
    if sleeve_bytes < int(os.environ.get('MIN_SLEEVE_BYTES', '1000000')):
        print('too little sleeve traffic captured to judge')
        return 1
    return 0


def inject(path, src, dst):
    for _, ip in packets(path):
        u = udp(ip)
        # a frames datagram: kind 1 in the low nibble of byte 6, large enough to carry a frame
        if u and u[0] == src and u[1] == dst and u[2] == 6783 and len(u[3]) > 200 and u[3][6] & 15 == 1:
            datagram = u[3]
            break
    else:
        print('no %s -> %s:6783 frames datagram in the capture' % (src, dst))
        return 1
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.sendto(datagram, (dst, 6783))
    tampered = bytearray(datagram)
    tampered[40] ^= 0x20
    tampered[8:16] = struct.pack('>Q', 1 << 40)
    s.sendto(bytes(tampered), (dst, 6783))
    print('replayed a %d-byte datagram and sent a tampered copy' % len(datagram))
    return 0


if __name__ == '__main__':
    if sys.argv[1] == '--inject':
        sys.exit(inject(sys.argv[2], sys.argv[3], sys.argv[4]))
    sys.exit(check(sys.argv[1], sys.argv[2], sys.argv[3:]))
