#!/usr/bin/env python3
"""Builds the fuzz seed corpus (fuzz/corpus/<target>/) from recorded sessions.

    fleetscope-cli record --protocol exosite --url ws://127.0.0.1:PORT/ws --out s.fsrec --for 5
    fleetscope-cli export-recording s.fsrec > s.jsonl
    scripts/make_fuzz_seeds.py s.jsonl                     # Exosite (and the recording reader)
    scripts/make_fuzz_seeds.py intu|cityio|opentera a.jsonl [b.jsonl...]

scripts/make_fuzz_seeds.sh records the Intu, CityIO and OpenTera sessions and runs this.

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


# --- Intu, CityIO, OpenTera ---------------------------------------------------------------------

import base64

MAX_SEED = 4096  # libFuzzer mutates small inputs best


def frames_of(exports):
    out = []
    for export in exports:
        for line in open(export):
            f = json.loads(line)
            if f.get("kind") != "frame":
                continue
            if "binary" in f:
                f["bytes"] = base64.b64decode(f["binary"])
            else:
                f["bytes"] = f["text"].encode()
            out.append(f)
    return out


def tagged(f, channels=None):
    """A frame in the endpoint target's record format (fuzz/targets/fuzztarget.h)."""
    kind = 2 if "binary" in f else (1 if f["direction"] == "out" else 0)
    if channels is not None:
        kind |= channels.index(f.get("channel", "")) << 2
    return bytes([kind]) + f["bytes"]


def distinct(frames, key, per_key, limit):
    """Received frames up to MAX_SEED bytes, a few of each kind (key), in session order."""
    seen, taken, out = set(), {}, []
    for f in frames:
        if f["direction"] != "in" or len(f["bytes"]) > MAX_SEED or f["bytes"] in seen:
            continue
        k = key(f)
        if taken.get(k, 0) >= per_key:
            continue
        seen.add(f["bytes"])
        taken[k] = taken.get(k, 0) + 1
        out.append(f["bytes"])
    return out[:limit]


def sequences(target, records, size=3000, count=12):
    """The session cut into pieces of about `size` bytes, in order."""
    chunk, total, saved = [], 0, 0
    for r in records:
        if len(r) > size:
            continue
        if total + len(r) > size and chunk:
            save(target, b"\x1e".join(chunk))
            saved += 1
            if saved >= count:
                return
            chunk, total = [], 0
        chunk.append(r)
        total += len(r) + 1
    if chunk:
        save(target, b"\x1e".join(chunk))


def intu(exports):
    frames = frames_of(exports)

    def key(f):
        if "binary" in f:
            header = f["bytes"].split(b"\0", 1)[0]
            try:
                topic = json.loads(header).get("topic", "")
            except ValueError:
                topic = "?"
            return ("bin", topic)
        try:
            m = json.loads(f["bytes"])
        except ValueError:
            return ("text", "?")
        data = m.get("data", "")
        sub = ""
        if isinstance(data, str) and data.startswith("{"):
            try:
                sub = json.loads(data).get("event", "") or json.loads(data).get("level", "")
            except ValueError:
                pass
        return (m.get("msg", m.get("control", "")), m.get("topic", ""), sub)

    for body in distinct(frames, key, 3, 60):
        save("intu_frame", body)
    for text in [
        '{"control":"authenticate","selfId":"sim-intu-0001","token":""}',
        '{"msg":"no_route","failed_msg":"query","request":"fs-9","origin":"../ghost","targets":["."],'
        '"orig_msg":{"msg":"query","targets":["ghost/."],"request":"fs-9","origin":"fleetscope-1/."}}',
        '{"msg":"subscribe_failed","failed_msg":"subscribe","origin":"../no-such","targets":["."]}',
        '{"msg":"query","targets":["."],"request":"7","origin":"../other-console/."}',
        '{"msg":"publish","topic":"blackboard","type":"application/json","origin":"../.","persisted":true,'
        '"data":"{\\"event\\":\\"set_object_state\\",\\"thing_guid\\":\\"g1\\",\\"state\\":\\"FAILED\\"}"}',
        '{"msg":"publish","topic":"config","type":"application/json","origin":"../.",'
        '"data":"{\\"event\\":\\"libs_list\\",\\"success\\":false}"}',
    ]:
        save("intu_frame", text.encode())
    save("intu_frame", b'{"binary":true,"data":99,"msg":"publish","topic":"sensor-System","type":"application/json"}\n\0{}')

    records = [tagged(f) for f in frames]
    sequences("intu_endpoint", records)
    # The opening: control, subscriptions, the browse (queries and their answers).
    opening = [r for r in records[:40] if len(r) <= 2000]
    save("intu_endpoint", b"\x1e".join(opening[:25]))


CITYIO_CHANNELS = ["volpe", "corktown", "@module", "@core", ""]


def shrink_cityio(text):
    """A CityIO frame with its big arrays cut to a few elements (a 20x20 grid is 400 cells)."""
    try:
        m = json.loads(text)
    except ValueError:
        return text.encode()

    def cut(value, depth=0):
        if isinstance(value, list):
            return [cut(v, depth + 1) for v in value[:4]]
        if isinstance(value, dict):
            return {k: cut(v, depth + 1) for k, v in value.items()}
        return value

    content = m.get("content")
    if isinstance(content, dict):
        for table in (content, content.get("snapshot")):
            if isinstance(table, dict):
                header = table.get("GEOGRID", {}).get("properties", {}).get("header")
                if isinstance(header, dict):
                    header["ncols"], header["nrows"] = 2, 2
    m["content"] = cut(content)
    return json.dumps(m, separators=(",", ":")).encode()


def cityio(exports):
    frames = frames_of(exports)
    for f in frames:
        if "text" in f:
            f["bytes"] = shrink_cityio(f["text"])

    def key(f):
        try:
            return json.loads(f["bytes"]).get("type", "?")
        except ValueError:
            return "?"

    for body in distinct(frames, key, 4, 40):
        save("cityio_message", body)
    for text in [
        '{"type":"ERROR","content":{"message":"Table nosuch not found"}}',
        '{"type":"ERROR","content":["odd",1]}',
        '{"type":"TABLE_SNAPSHOT","content":{"tableName":"volpe","snapshot":{"GEOGRIDDATA":[{"id":0,"name":"Park"}]}}}',
        '{"type":"GEOGRIDDATA_UPDATE","content":{"tableName":"volpe","geogriddata":[{"id":0,"name":"Park","height":[0,3,100]}]}}',
        '{"type":"SUBSCRIPTION_REQUEST","content":{"table":"volpe"}}',
        '{"type":"SUBSCRIPTION_REMOVAL_REQUEST","content":{"table":"volpe"}}',
        '{"type":"UPDATE_MODULE","content":{"payload":"Play"}}',
        '{"type":"INDICATOR","content":{"gridId":"volpe","moduleData":{"numeric":[{"name":"a/b","value":"0.5"}],'
        '"deckgl":[{"type":"arc","data":[]}],"heatmap":{"features":[1,2]}}}}',
        '{"type":"SCENARIOS","content":[{"name":"x","isInBin":true},{"name":"x"}]}',
        '{"type":"SOMETHING_NEW","content":5}',
        '{"type":"GEOGRIDDATA_UPDATE","content":"cells"}',
    ]:
        save("cityio_message", text.encode())

    records = [tagged(f, CITYIO_CHANNELS) for f in frames]
    sequences("cityio_endpoint", records, size=6000)
    # Without channels (an older recording): the tables are named, or the last LISTEN says.
    untagged = [bytes([r[0] & 3 | (4 << 2)]) + r[1:] for r in records[:30] if len(r) <= 6000]
    save("cityio_endpoint", b"\x1e".join(untagged[:12]))


def opentera(exports):
    frames = frames_of(exports)

    def key(f):
        if "binary" in f:
            return ("bin", len(f["bytes"]) // 64)
        try:
            message = json.loads(f["bytes"]).get("message", {})
        except ValueError:
            return ("text",)
        events = message.get("events") or [{}]
        e = events[0]
        return (len(events), e.get("@type", ""), str(e.get("type", e.get("joinReply", e.get("status", "")))))

    for body in distinct(frames, key, 2, 60):
        save("opentera_frame", body)
    for text in [
        "Not allowed to send message",
        '{"message":{"@type":"type.googleapis.com/opentera.protobuf.ServerCommand","type":1}}',
        '{"header":{"version":1,"time":"1732134567.5"},"events":[{"@type":"type.googleapis.com/opentera.protobuf.DeviceEvent",'
        '"deviceUuid":"d1","type":"DEVICE_STATUS_CHANGED","deviceStatus":"{\\"status\\": \\"[1,2]\\", \\"timestamp\\": 1732134567000}"}]}',
        '{"message":{"@type":"type.googleapis.com/opentera.protobuf.TeraEvent","events":[42,{"@type":"x"},'
        '{"@type":"type.googleapis.com/opentera.protobuf.UserEvent","userUuid":{"x":1}}]}}',
    ]:
        save("opentera_frame", text.encode())

    records = [tagged(f) for f in frames]
    sequences("opentera_endpoint", records)


def main_protocol(protocol, exports):
    {"intu": intu, "cityio": cityio, "opentera": opentera}[protocol](exports)


if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1].endswith(".jsonl"):
        main(sys.argv[1])
    else:
        main_protocol(sys.argv[1], sys.argv[2:])
