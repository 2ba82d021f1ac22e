#!/usr/bin/env python3
"""Builds the fuzz seed corpus (fuzz/corpus/<target>/) from a recorded session.

    fleetscope-cli record --protocol exosite --url ws://127.0.0.1:PORT/ws --out s.fsrec --for 5
    fleetscope-cli export-recording s.fsrec > s.jsonl
    scripts/make_fuzz_seeds.py s.jsonl

Seeds are small on purpose (libFuzzer mutates small inputs best): single frames, short frame
sequences in the endpoint target's record format (see fuzz/targets/fuzztarget.h), and small
recording files written here with a minimal protobuf encoder.
"""
import hashlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")


def save(target, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def field(number, wire, payload):
    key = varint((number << 3) | wire)
    if wire == 0:
        return key + varint(payload)
    return key + varint(len(payload)) + payload


def zigzag(n):
    return (n << 1) ^ (n >> 63)


def endpoint(name, protocol, url):
    return field(1, 2, name.encode()) + field(2, 2, protocol.encode()) + field(3, 2, url.encode())


def recording(frames, endpoints=(("HQ", "exosite", "ws://127.0.0.1/ws"),), started=1700000000000):
    header = field(1, 0, 1) + field(2, 0, started)
    for e in endpoints:
        header += field(4, 2, endpoint(*e))
    header += field(5, 2, b"fleetscope-recording")
    out = varint(len(header)) + header
    last = started
    for t, index, direction, kind, body in frames:
        msg = b""
        if t is not None:
            msg += field(1, 0, zigzag(t - last))
            last = t
        if index:
            msg += field(2, 0, index)
        if direction:
            msg += field(3, 0, direction)
        msg += field({"text": 4, "binary": 5, "added": 6}[kind], 2, body)
        out += varint(len(msg)) + msg
    return out


def record(direction, text):
    tag = {"in": b"\x00", "out": b"\x01", "bin": b"\x02"}[direction]
    return tag + (text.encode() if isinstance(text, str) else text)


def main(export):
    lines = [json.loads(l) for l in open(export)]
    frames = [l for l in lines if l.get("kind") == "frame" and "text" in l]

    # exosite_frame: distinct received frames up to 4 KiB, plus shapes the session may not show.
    seen = set()
    for f in frames:
        text = f["text"].encode()
        if f["direction"] == "in" and len(text) <= 4096 and text not in seen:
            seen.add(text)
    for text in sorted(seen)[:40]:
        save("exosite_frame", text)
    for text in [
        '{"status":"ok"}',
        '{"error":{"code":401,"message":"Invalid","context":"auth"}}',
        '[{"id":4,"status":"fail","error":{"code":501,"message":"Error","context":"arguments"}}]',
        '[{"id":"w-7","status":"ok"}]',
        '[{"id":9,"status":[[1700000000,"invalid"]]}]',
        '[{"id":1000000,"status":"ok","result":[[1700000000,21.5],[1700000001,"22"]]}]',
        '{"id":3,"status":"ok","result":[1700000000,1.5e300]}',
    ]:
        save("exosite_frame", text.encode())

    # exosite_endpoint: the session's opening (auth, browse) cut into pieces, and subscriptions.
    seq = [record(f["direction"], f["text"]) for f in frames]
    chunks, chunk, size = [], [], 0
    for r in seq:
        if size + len(r) > 6000 and chunk:
            chunks.append(chunk)
            chunk, size = [], 0
        chunk.append(r)
        size += len(r) + 1
    for piece in (chunks + [chunk])[:10]:
        save("exosite_endpoint", b"\x1e".join(piece))
    opening = []
    for r in seq:
        opening.append(r)
        if sum(len(x) for x in opening) > 12000:
            break
    save("exosite_endpoint", b"\x1e".join(opening))
    save("exosite_endpoint", b"\x1e".join([
        record("out", '{"calls":[{"id":1,"procedure":"lookup","arguments":[{"alias":""},"alias",""]}]}'),
        record("in", '[{"id":1,"status":"ok","result":"aa00000000000000000000000000000000000000"}]'),
        record("out", '{"calls":[{"id":2,"procedure":"info","arguments":["aa00000000000000000000000000000000000000",{"basic":true,"description":true,"aliases":true}]},'
                      '{"id":3,"procedure":"listing","arguments":["aa00000000000000000000000000000000000000",["client","dataport","datarule","dispatch"],{"owned":true}]}]}'),
        record("in", '[{"id":2,"status":"ok","result":{"basic":{"type":"client"},"description":{"name":"HQ"},"aliases":{"bb00000000000000000000000000000000000000":["temp"]}}},'
                     '{"id":3,"status":"ok","result":{"dataport":["bb00000000000000000000000000000000000000"]}}]'),
        record("out", '{"calls":[{"id":4,"procedure":"info","arguments":["bb00000000000000000000000000000000000000",{"basic":true,"description":true}]}]}'),
        record("in", '[{"id":4,"status":"ok","result":{"basic":{"type":"dataport"},"description":{"name":"Temp","format":"float"}}}]'),
        record("out", '{"calls":[{"id":5,"procedure":"read","arguments":["bb00000000000000000000000000000000000000",{"sort":"desc","limit":100}]},'
                      '{"id":6,"procedure":"subscribe","arguments":["bb00000000000000000000000000000000000000",{"since":1700000000,"subs_id":1000000}]}]}'),
        record("in", '[{"id":5,"status":"ok","result":[[1700000002,21.5],[1700000001,21.4]]},{"id":6,"status":"ok"}]'),
        record("in", '[{"id":1000000,"status":"ok","result":[1700000003,21.7]}]'),
        record("bin", b"\x00\x01\x02"),
    ]))

    # recording_reader: small recordings.
    save("recording_reader", recording([]))
    save("recording_reader", recording([
        (1700000000100, 0, 1, "text", b'{"auth":{"cik":"***"}}'),
        (1700000000105, 0, 0, "text", b'{"status":"ok"}'),
        (1700000000200, 0, 0, "binary", b"\x00\xff\x10"),
    ]))
    save("recording_reader", recording([
        (1700000000000, 0, 0, "added", endpoint("Lab", "intu", "ws://lab:9443/stream")),
        (1700000000050, 1, 0, "text", b'{"topic":"x"}'),
        (1699999999000, 0, 1, "text", b"[]"),
    ]))
    full = recording([(1700000000000 + i, 0, i % 2, "text", f["text"].encode()) for i, f in enumerate(frames[:6])])
    save("recording_reader", full)
    save("recording_reader", full[: len(full) // 2])


if __name__ == "__main__":
    main(sys.argv[1])
