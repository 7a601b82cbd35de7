"""Parses an exposition from stdin with prometheus_client, the Python reference parser.

Usage: parse_exposition.py [--openmetrics]
Without options the text is read as the Prometheus text format; with --openmetrics, by prometheus_client's
OpenMetrics parser, which is strict: `# EOF`, counter families and their `_total` samples, escaping, one block per
family.

Prints one JSON object: the number of metric families, each family's type and help, and every sample as
{"name", "labels", "value"} so that the caller can compare what a real parser read back with what it expects.
Exits 1 with the parser's message on stderr when the text does not parse.
"""
import json
import sys

from prometheus_client.openmetrics.parser import text_string_to_metric_families as parse_openmetrics
from prometheus_client.parser import text_string_to_metric_families as parse_text


def main() -> int:
    openmetrics = "--openmetrics" in sys.argv[1:]
    text = sys.stdin.read()
    try:
        families = list((parse_openmetrics if openmetrics else parse_text)(text))
    except Exception as error:  # the parsers raise ValueError and others on bad input
        print(f"prometheus_client cannot parse the exposition: {error!r}", file=sys.stderr)
        return 1
    samples = [
        {"name": sample.name, "labels": sample.labels, "value": sample.value}
        for family in families
        for sample in family.samples
    ]
    json.dump(
        {
            "families": len(families),
            "types": {family.name: family.type for family in families},
            "help": {family.name: family.documentation for family in families},
            "samples": samples,
        },
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
