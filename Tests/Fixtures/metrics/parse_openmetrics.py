"""Parses an OpenMetrics exposition from stdin with prometheus_client's OpenMetrics parser (strict: `# EOF`,
counter families and their `_total` samples, escaping, one block per family).

Prints one JSON object: every family as {"name", "type"} and every sample as {"name", "labels", "value"}.
Exits 1 with the parser's message on stderr when the text does not parse.
"""
import json
import sys

from prometheus_client.openmetrics.parser import text_string_to_metric_families


def main() -> int:
    text = sys.stdin.read()
    try:
        families = list(text_string_to_metric_families(text))
    except Exception as error:  # the parser raises ValueError and others on bad input
        print(f"prometheus_client cannot parse the OpenMetrics exposition: {error!r}", file=sys.stderr)
        return 1
    json.dump(
        {
            "families": [{"name": family.name, "type": family.type} for family in families],
            "samples": [
                {"name": sample.name, "labels": sample.labels, "value": sample.value}
                for family in families
                for sample in family.samples
            ],
        },
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
