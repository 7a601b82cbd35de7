import Testing
import VedettaAPI
import VedettaCore

@Suite("ExpositionFormat")
struct ExpositionFormatTests {
    @Test(
        "the Accept header picks the format",
        arguments: [
            // Prometheus 2.42's own header.
            (
                "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                    + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1", ExpositionFormat.openMetrics
            ),
            ("application/openmetrics-text; version=0.0.1", .openMetrics),
            ("application/openmetrics-text", .openMetrics),
            ("text/plain;version=0.0.4;q=1,application/openmetrics-text;version=1.0.0;q=0.5", .prometheusText),
            ("application/openmetrics-text;version=2.0.0", .prometheusText),
            ("application/openmetrics-text;q=0", .prometheusText),
            ("*/*", .prometheusText),
            ("", .prometheusText),
            ("application/json", .prometheusText),
        ])
    func negotiates(accept: String, format: ExpositionFormat) {
        #expect(ExpositionFormat(accept: accept) == format)
    }

    @Test("no Accept header gets the text format")
    func noHeader() {
        #expect(ExpositionFormat(accept: nil) == .prometheusText)
    }

    @Test("OpenMetrics: a _total counter is a counter family without the suffix, other counters are unknown")
    func openMetricsHeaders() {
        let samples = [
            Sample(name: "ifHCInOctets", labels: ["device": "sw"], value: 5, kind: .counter, help: "Octets \"in\"."),
            Sample(name: "jobs_total", labels: ["device": "sw"], value: 2, kind: .counter, help: "Jobs."),
            Sample(name: "up", labels: ["device": "sw"], value: 1, help: "Probe succeeded."),
        ]
        let expected = """
            # HELP ifHCInOctets Octets \\"in\\".
            # TYPE ifHCInOctets unknown
            ifHCInOctets{device="sw"} 5
            # HELP jobs Jobs.
            # TYPE jobs counter
            jobs_total{device="sw"} 2
            # HELP up Probe succeeded.
            # TYPE up gauge
            up{device="sw"} 1

            """
        #expect(PrometheusTextRenderer.render(samples, format: .openMetrics) == expected)
    }

    @Test("OpenMetrics: a counter whose family name is another family's stays unknown under its own name")
    func collidingFamily() {
        let samples = [
            Sample(name: "jobs", labels: [:], value: 3),
            Sample(name: "jobs_total", labels: [:], value: 2, kind: .counter),
        ]
        let text = PrometheusTextRenderer.render(samples, format: .openMetrics)
        #expect(text.contains("# TYPE jobs gauge\n"))
        #expect(text.contains("# TYPE jobs_total unknown\n"))
    }

    @Test("the agent's own text is converted line by line; series are left alone")
    func convertsRegistryText() {
        let registry = """
            # HELP vedetta_probe_runs_total Probe runs, "by" kind.
            # TYPE vedetta_probe_runs_total counter
            vedetta_probe_runs_total{kind="snmp"} 4
            # TYPE odd counter
            odd 1
            # TYPE vedetta_probe_duration_seconds histogram
            vedetta_probe_duration_seconds_bucket{le="+Inf"} 4
            vedetta_probe_duration_seconds_sum 0.5
            vedetta_probe_duration_seconds_count 4

            """
        let expected = """
            # HELP vedetta_probe_runs Probe runs, \\"by\\" kind.
            # TYPE vedetta_probe_runs counter
            vedetta_probe_runs_total{kind="snmp"} 4
            # TYPE odd unknown
            odd 1
            # TYPE vedetta_probe_duration_seconds histogram
            vedetta_probe_duration_seconds_bucket{le="+Inf"} 4
            vedetta_probe_duration_seconds_sum 0.5
            vedetta_probe_duration_seconds_count 4

            """
        #expect(ExpositionFormat.openMetrics.converting(prometheusText: registry) == expected)
        #expect(ExpositionFormat.prometheusText.converting(prometheusText: registry) == registry)
        #expect(ExpositionFormat.openMetrics.trailer == "# EOF\n")
        #expect(ExpositionFormat.prometheusText.trailer.isEmpty)
    }
}
