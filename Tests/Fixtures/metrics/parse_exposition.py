"""Parses a Prometheus text exposition from stdin with prometheus_client, the Python reference parser.

Prints one JSON object: the number of metric families and samples, and every sample as
{"name", "labels", "value"} so that the caller can compare what a real parser read back with what it expects.
Exits 1 with the parser's message on stderr when the text does not parse.
"""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families


def main() -> int:
    text = sys.stdin.read()
    try:
        families = list(text_string_to_metric_families(text))
    except Exception as error:  # the parser raises ValueError and others on bad input
        print(f"prometheus_client cannot parse the exposition: {error!r}", file=sys.stderr)
        return 1
    samples = [
        {"name": sample.name, "labels": sample.labels, "value": sample.value}
        for family in families
        for sample in family.samples
    ]
    helps = {family.name: family.documentation for family in families}
    json.dump({"families": len(families), "samples": samples, "help": helps}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
