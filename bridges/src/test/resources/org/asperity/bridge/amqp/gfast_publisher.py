#!/usr/bin/python3
"""Publishes GFAST-style GNSS position messages to a RabbitMQ exchange with pika (Debian's
python3-pika): what a real-time GNSS processor puts on the bus GFAST listens to.

One message per station and epoch, persistent, with publisher confirms, so every message this
script counts as published is held by the broker. Two forms, as GFAST's consumers read them:

  geojson  a GeoJSON FeatureCollection as Earthworm's geojson2ew maps it: properties.SNCL,
           properties.time (ms), properties.sampleRate; a feature with coordinateType NEU,
           geometry.coordinates [N, E, U] (m) and EError, NError, UError (m)
  compact  {"time": ms, "Q": quality, "type": "ENU", "SNCL": ..., "coor": [E, N, U],
            "err": [sE, sN, sU], "rate": Hz}

--form mixed alternates them. --malformed publishes one of each kind of broken message instead,
each with its name in the routing key. Prints one JSON line: {"published": N}.
"""
import argparse
import json
import sys

import pika


def displacement(index):
    """A station drifting east and north, with a small daily-looking wobble: deterministic."""
    east = 0.0001 * index
    north = -0.00005 * index
    up = 0.002 * ((index % 60) - 30) / 30.0
    return east, north, up


def compact(sncl, time_ms, index):
    east, north, up = displacement(index)
    return {
        "time": time_ms,
        "Q": 190900,
        "type": "ENU",
        "SNCL": sncl,
        "coor": [east, north, up],
        "err": [0.017, 0.016, 0.034],
        "rate": 1,
    }


def geojson(sncl, time_ms, index):
    east, north, up = displacement(index)
    return {
        "type": "FeatureCollection",
        "properties": {"SNCL": sncl, "time": time_ms, "sampleRate": 1},
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [46.0, -123.0, 120.0]},
                "properties": {"coordinateType": "LLH", "quality": 1},
            },
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [north, east, up]},
                "properties": {
                    "coordinateType": "NEU",
                    "quality": 1,
                    "EError": 0.017,
                    "NError": 0.016,
                    "UError": 0.034,
                    "ENCovar": 0.0001,
                    "EUCovar": 0.0002,
                    "NUCovar": 0.0001,
                },
            },
        ],
    }


def malformed(sncl, time_ms):
    """(name, body bytes) of each kind of broken message."""
    good = compact(sncl, time_ms, 0)
    missing = dict(good)
    del missing["err"]
    nan = dict(good, coor=[float("nan"), 0.0, 0.0])  # json.dumps writes NaN
    huge = dict(good, comment="x" * (100 * 1024))
    wrong_type = dict(good, time="2023-02-04T04:11:10Z")
    zero_sigma = dict(good, err=[0.0, 0.016, 0.034])
    bad_sncl = dict(good, SNCL="P373")
    llh_only = geojson(sncl, time_ms, 0)
    llh_only["features"] = llh_only["features"][:1]
    return [
        ("bad-json", b'{"SNCL": "' + sncl.encode() + b'", "time": '),
        ("missing-field", json.dumps(missing).encode()),
        ("nan", json.dumps(nan).encode()),
        ("huge", json.dumps(huge).encode()),
        ("wrong-type", json.dumps(wrong_type).encode()),
        ("zero-sigma", json.dumps(zero_sigma).encode()),
        ("not-an-object", b"[1, 2, 3]"),
        ("bad-sncl", json.dumps(bad_sncl).encode()),
        ("no-displacement", json.dumps(llh_only).encode()),
        ("not-utf8", b'{"SNCL": "P\xe9373.PW.LY_.00"}'),  # a Latin-1 byte
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--exchange", required=True)
    parser.add_argument("--exchange-type", default="topic")
    parser.add_argument("--queue", help="also declare this durable queue, bound with --binding-key")
    parser.add_argument("--binding-key", default="#")
    parser.add_argument("--sncl", default="P373.PW.LY_.00")
    parser.add_argument("--start-ms", type=int, default=1675483200000)
    parser.add_argument("--interval-ms", type=int, default=1000)
    parser.add_argument("--first", type=int, default=0, help="index of the first epoch")
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--form", choices=["geojson", "compact", "mixed"], default="mixed")
    parser.add_argument("--malformed", action="store_true")
    args = parser.parse_args()

    connection = pika.BlockingConnection(
        pika.ConnectionParameters(host=args.host, port=args.port)
    )
    channel = connection.channel()
    channel.confirm_delivery()
    channel.exchange_declare(args.exchange, exchange_type=args.exchange_type, durable=True)
    if args.queue:
        channel.queue_declare(args.queue, durable=True)
        channel.queue_bind(args.queue, args.exchange, routing_key=args.binding_key)
    persistent = pika.BasicProperties(content_type="application/json", delivery_mode=2)
    station = args.sncl.split(".")[0]
    published = 0
    if args.malformed:
        for name, body in malformed(args.sncl, args.start_ms):
            channel.basic_publish(args.exchange, "gnss.bad." + name, body, persistent)
            published += 1
    for index in range(args.first, args.first + args.count):
        time_ms = args.start_ms + index * args.interval_ms
        use_geojson = args.form == "geojson" or (args.form == "mixed" and index % 2 == 1)
        message = (geojson if use_geojson else compact)(args.sncl, time_ms, index)
        channel.basic_publish(
            args.exchange, "gnss." + station, json.dumps(message).encode(), persistent
        )
        published += 1
    connection.close()
    print(json.dumps({"published": published}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
