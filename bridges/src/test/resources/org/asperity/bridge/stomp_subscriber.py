"""A STOMP subscriber outside the JVM, as an observatory would run one: prints each message on an
ActiveMQ topic as one JSON line {"headers": {...}, "body": "..."}, and {"ready": true} once the
broker has confirmed the subscription. Stops when its standard input closes.

Usage: python3 stomp_subscriber.py HOST PORT TOPIC
"""
import json
import sys

import stomp


class Printer(stomp.ConnectionListener):
    def on_receipt(self, frame):
        print(json.dumps({"ready": True}), flush=True)

    def on_message(self, frame):
        print(json.dumps({"headers": dict(frame.headers), "body": frame.body}), flush=True)

    def on_error(self, frame):
        print(json.dumps({"error": frame.body}), flush=True)


def main():
    host, port, topic = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    connection = stomp.Connection([(host, port)], heartbeats=(0, 0))
    connection.set_listener("printer", Printer())
    connection.connect(wait=True)
    connection.subscribe(
        destination="/topic/" + topic, id="1", ack="auto", headers={"receipt": "subscribed"}
    )
    sys.stdin.read()
    connection.disconnect()


if __name__ == "__main__":
    main()
