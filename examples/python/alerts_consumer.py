#!/usr/bin/python3
"""Reads Asperity's alerts from Kafka and prints each as one JSON line.

Two topics carry the same alerts:
  ttf.alerts       Avro single-object encoding: the bytes C3 01, the writer schema's
                   CRC-64-AVRO fingerprint (8 bytes, little-endian), then the Avro binary body.
  ttf.alerts.json  CloudEvents 1.0, structured JSON mode; the alert is the event's "data".

The writer schema of an Avro record is looked up by its fingerprint among the .avsc files
published by `./asperity web` under /schemas/ (--schemas-url), or in a folder (--schemas-dir).
Reads with isolation.level=read_committed: alerts of an aborted job transaction never show.

A record that cannot be read (not single-object encoded, unknown fingerprint, corrupt body,
not a CloudEvent) is reported on stderr with its topic, partition and offset, and skipped.

Needs Debian's python3-confluent-kafka and python3-avro (run with /usr/bin/python3).
"""

import argparse
import datetime
import io
import json
import os
import struct
import sys
import time
import urllib.parse
import urllib.request
import uuid

import avro.io
import avro.schema
from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaException

MARKER = b"\xc3\x01"
HEADER_BYTES = 10

# The alert's fields, in the order printed; both topics carry them under these names.
FIELDS = (
    "region",
    "alertId",
    "level",
    "action",
    "references",
    "issuedAt",
    "ttfP10Days",
    "ttfP50Days",
    "ttfP90Days",
    "momentMagnitude",
    "modelVersion",
    "reason",
)

# CRC-64-AVRO (Avro specification, "Schema Fingerprints").
EMPTY64 = 0xC15D213AA4D7A795
_TABLE = []
for _i in range(256):
    _fp = _i
    for _ in range(8):
        _fp = (_fp >> 1) ^ (EMPTY64 & -(_fp & 1))
    _TABLE.append(_fp)


def fingerprint64(data):
    fp = EMPTY64
    for byte in data:
        fp = (fp >> 8) ^ _TABLE[(fp ^ byte) & 0xFF]
    return fp


class BadRecord(Exception):
    """A record this consumer cannot read; the message says why."""


PRIMITIVES = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}


def canonical_form(schema):
    """Avro's Parsing Canonical Form of a schema's JSON (Avro specification).

    Written out here because python3-avro 1.11 gets it wrong for logical types (it keeps
    {"type":"long"} where the specification, and the Java producers, write "long"), so its
    fingerprints would not match the ones on the wire.
    """
    defined = set()

    def full(name, namespace):
        return name if "." in name or not namespace else namespace + "." + name

    def form(s, namespace):
        if isinstance(s, list):
            return "[" + ",".join(form(b, namespace) for b in s) + "]"
        if isinstance(s, str):
            return json.dumps(s if s in PRIMITIVES else full(s, namespace))
        kind = s["type"]
        if not isinstance(kind, str):
            return form(kind, namespace)
        if kind in PRIMITIVES:
            return json.dumps(kind)
        if kind == "array":
            return '{"type":"array","items":%s}' % form(s["items"], namespace)
        if kind == "map":
            return '{"type":"map","values":%s}' % form(s["values"], namespace)
        if kind not in ("record", "error", "enum", "fixed"):
            return json.dumps(full(kind, namespace))
        name = s["name"]
        inner = name.rsplit(".", 1)[0] if "." in name else s.get("namespace", namespace)
        name = full(name, inner)
        if name in defined:
            return json.dumps(name)
        defined.add(name)
        parts = ['"name":' + json.dumps(name), '"type":' + json.dumps(kind)]
        if kind in ("record", "error"):
            fields = ",".join(
                '{"name":%s,"type":%s}' % (json.dumps(f["name"]), form(f["type"], inner))
                for f in s["fields"]
            )
            parts.append('"fields":[' + fields + "]")
        elif kind == "enum":
            parts.append('"symbols":' + json.dumps(s["symbols"], separators=(",", ":")))
        else:
            parts.append('"size":' + str(int(s["size"])))
        return "{" + ",".join(parts) + "}"

    return form(schema, None)


def schema_with_fingerprint(text):
    fp = fingerprint64(canonical_form(json.loads(text)).encode("utf-8"))
    return fp, avro.schema.parse(text)


def schemas_from_url(url):
    """Fingerprint -> schema, for every Avro schema the index at url lists."""
    if not url.endswith("/"):
        url += "/"
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            index = json.load(response)
    except (OSError, ValueError) as e:
        raise SystemExit(
            "cannot read the schema index at %s (%s): is ./asperity web running there?"
            " Or give a folder of .avsc files with --schemas-dir." % (url, e)
        )
    out = {}
    for entry in index["schemas"]:
        if entry["kind"] != "avro":
            continue
        with urllib.request.urlopen(urllib.parse.urljoin(url, entry["url"]), timeout=30) as f:
            fp, schema = schema_with_fingerprint(f.read().decode("utf-8"))
        if format(fp, "016x") != entry["fingerprint"]:
            raise SystemExit(
                "schema %s: computed fingerprint %016x, index says %s"
                % (entry["url"], fp, entry["fingerprint"])
            )
        out[fp] = schema
    return out


def schemas_from_dir(folder):
    """Fingerprint -> schema, for every .avsc file in folder."""
    out = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".avsc"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                fp, schema = schema_with_fingerprint(f.read())
            out[fp] = schema
    return out


def iso_instant(value):
    """RFC 3339 UTC, as the CloudEvents carry it (no fraction when it is zero)."""
    if isinstance(value, datetime.datetime):
        value = value.astimezone(datetime.timezone.utc)
        text = value.strftime("%Y-%m-%dT%H:%M:%S")
        if value.microsecond:
            text += ("." + "%06d" % value.microsecond).rstrip("0")
        return text + "Z"
    return value


def decode_avro(value, schemas):
    if value is None or len(value) < HEADER_BYTES:
        raise BadRecord(
            "%s, a single-object record needs at least %d bytes of header"
            % ("no value" if value is None else "%d bytes" % len(value), HEADER_BYTES)
        )
    if value[:2] != MARKER:
        raise BadRecord(
            "first bytes %02X %02X, expected C3 01 (Avro single-object encoding)"
            % (value[0], value[1])
        )
    (fp,) = struct.unpack("<Q", value[2:HEADER_BYTES])
    schema = schemas.get(fp)
    if schema is None:
        raise BadRecord("schema fingerprint %016x is not among the known schemas" % fp)
    if schema.name != "TtfAlert":
        raise BadRecord("record is a %s, expected TtfAlert" % schema.name)
    body = io.BytesIO(value[HEADER_BYTES:])
    try:
        record = avro.io.DatumReader(schema).read(avro.io.BinaryDecoder(body))
    except Exception as e:  # the avro library raises many kinds on a corrupt body
        raise BadRecord("body does not decode as %s: %r" % (schema.name, e))
    if body.tell() != len(value) - HEADER_BYTES:
        raise BadRecord(
            "%d bytes after the record's body" % (len(value) - HEADER_BYTES - body.tell())
        )
    return {f: iso_instant(record.get(f)) for f in FIELDS}


def decode_cloudevent(value):
    try:
        event = json.loads(value.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, AttributeError) as e:
        raise BadRecord("not JSON: %s" % e)
    if not isinstance(event, dict) or event.get("specversion") != "1.0":
        raise BadRecord("not a CloudEvents 1.0 event")
    data = event.get("data")
    if not isinstance(data, dict) or any(f not in data for f in FIELDS):
        raise BadRecord("event data is not an alert: %s" % sorted(data or {}))
    alert = {f: data[f] for f in FIELDS}
    alert["status"] = data.get("status")
    return alert


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--bootstrap-servers", default="localhost:9092")
    p.add_argument("--alerts-topic", default="ttf.alerts", help="Avro topic ('' to skip it)")
    p.add_argument(
        "--json-topic", default="ttf.alerts.json", help="CloudEvents topic ('' to skip it)"
    )
    source = p.add_mutually_exclusive_group()
    source.add_argument(
        "--schemas-url",
        default="http://127.0.0.1:8080/schemas/",
        help="index of a running ./asperity web (default %(default)s)",
    )
    source.add_argument("--schemas-dir", help="a folder of .avsc files instead")
    p.add_argument("--group-id", help="consumer group (default: a new one per run)")
    p.add_argument(
        "--from-beginning", action="store_true", help="read each partition from its start"
    )
    p.add_argument(
        "--max-messages", type=int, help="stop after this many records (alerts and bad ones)"
    )
    p.add_argument(
        "--timeout", type=float, help="stop after this many seconds without a new record"
    )
    args = p.parse_args(argv)
    if not args.alerts_topic and not args.json_topic:
        p.error("nothing to read: both --alerts-topic and --json-topic are empty")
    return args


def main(argv):
    args = parse_args(argv)
    topics = [t for t in (args.alerts_topic, args.json_topic) if t]
    schemas = {}
    if args.alerts_topic:
        schemas = (
            schemas_from_dir(args.schemas_dir)
            if args.schemas_dir
            else schemas_from_url(args.schemas_url)
        )
    consumer = Consumer(
        {
            "bootstrap.servers": args.bootstrap_servers,
            "group.id": args.group_id or "asperity-alerts-example-" + uuid.uuid4().hex,
            "isolation.level": "read_committed",
            "auto.offset.reset": "earliest" if args.from_beginning else "latest",
            "enable.auto.commit": True,
        }
    )

    def on_assign(c, partitions):
        if args.from_beginning:
            for tp in partitions:
                tp.offset = OFFSET_BEGINNING
        c.assign(partitions)

    consumer.subscribe(topics, on_assign=on_assign)
    seen = 0
    last = time.monotonic()
    try:
        while args.max_messages is None or seen < args.max_messages:
            if args.timeout is not None and time.monotonic() - last > args.timeout:
                break
            msg = consumer.poll(0.5)
            if msg is None:
                continue
            if msg.error():
                if msg.error().fatal():
                    raise KafkaException(msg.error())
                print("kafka: %s" % msg.error(), file=sys.stderr)
                continue
            seen += 1
            last = time.monotonic()
            where = {"topic": msg.topic(), "partition": msg.partition(), "offset": msg.offset()}
            try:
                if msg.topic() == args.alerts_topic:
                    alert = decode_avro(msg.value(), schemas)
                else:
                    alert = decode_cloudevent(msg.value())
            except BadRecord as e:
                print(
                    "skipped %s partition %d offset %d: %s"
                    % (msg.topic(), msg.partition(), msg.offset(), e),
                    file=sys.stderr,
                )
                continue
            print(json.dumps({**where, **alert}), flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
