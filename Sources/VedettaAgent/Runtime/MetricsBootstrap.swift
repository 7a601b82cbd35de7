import CoreMetrics
import Prometheus

/// Installs swift-prometheus as the process-wide swift-metrics backend, once, and renders its text.
final class SelfMetrics: Sendable {
    /// The process-wide instance: swift-metrics allows one bootstrap per process.
    static let shared = SelfMetrics()

    private let registry = PrometheusCollectorRegistry()

    private init() {
        MetricsSystem.bootstrap(DocumentedMetricsFactory(registry: registry))
    }

    /// The agent's own metrics in Prometheus text format.
    func text() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}

/// The help text of every metric the agent exports about itself: `/metrics` gives each a `# HELP` line, as
/// Prometheus' own conventions (and `promtool check metrics`) ask.
enum SelfMetricCatalog {
    static let help: [String: String] = [
        "vedetta_probe_runs_total": "Probe runs, by probe kind and outcome (success or the failure reason).",
        "vedetta_probe_duration_seconds": "How long probe runs take, by probe kind.",
        "vedetta_probe_skipped_total": "Probe runs skipped because the previous run of the same probe was still going.",
        "vedetta_probe_late_runs_total":
            "Probe runs that started more than a tenth of their interval (at least 1 s) after their due time.",
        "vedetta_incidents_opened_total": "Incidents opened, by severity.",
        "vedetta_incidents_restored_total": "Incidents restored, by severity.",
        "vedetta_notifications_total":
            "Notification attempts, by channel and result (delivered, retry, abandoned).",
        "vedetta_escalation_steps_total": "Escalation steps taken (pages of a level, reminders).",
        "vedetta_escalation_step_delay_seconds": "How late escalation steps are taken after they are due.",
        "vedetta_traps_received_total":
            "SNMP notifications received, by version (v1, v2c, v3) and kind (trap, inform).",
        "vedetta_traps_dropped_total":
            "SNMP messages thrown away on the trap port, by reason (bad_community, authentication, malformed, "
            + "not_a_notification, unknown_sender, overloaded).",
    ]

    /// The help text of `name`; a metric missing from the catalog gets a generic line rather than none.
    static func help(for name: String) -> String {
        help[name] ?? "Vedetta's own metric \(name)."
    }
}

/// swift-metrics → swift-prometheus, like `PrometheusMetricsFactory`, but with each metric's help text from
/// ``SelfMetricCatalog`` (swift-metrics has no place for help, and swift-prometheus' factory leaves it empty).
private struct DocumentedMetricsFactory: MetricsFactory {
    let registry: PrometheusCollectorRegistry

    /// Buckets for `Timer`s: probe runs take from a millisecond to the longest timeout.
    private static let durationBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        .seconds(30),
    ]
    private static let valueBuckets: [Double] = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000]

    /// The metric named `label` as it is exposed, with its help text: the label is the whole name (no namespace or
    /// unit is added to it). The descriptor traps on an empty name, which no metric of ours has; one from a library
    /// is named `_` rather than stopping the agent.
    private static func descriptor(_ label: String) -> MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: label.isEmpty ? "_" : label, unitName: "", helpText: SelfMetricCatalog.help(for: label))
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        registry.makeCounter(descriptor: Self.descriptor(label), labels: dimensions)
    }

    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        registry.makeCounter(descriptor: Self.descriptor(label), labels: dimensions)
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        guard aggregate else { return registry.makeGauge(descriptor: Self.descriptor(label), labels: dimensions) }
        return registry.makeValueHistogram(
            descriptor: Self.descriptor(label), labels: dimensions, buckets: Self.valueBuckets)
    }

    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        registry.makeGauge(descriptor: Self.descriptor(label), labels: dimensions)
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        registry.makeDurationHistogram(
            descriptor: Self.descriptor(label), labels: dimensions, buckets: Self.durationBuckets)
    }

    func destroyCounter(_ handler: any CounterHandler) {
        if let counter = handler as? Prometheus.Counter { registry.unregisterCounter(counter) }
    }

    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {
        if let counter = handler as? Prometheus.Counter { registry.unregisterCounter(counter) }
    }

    func destroyRecorder(_ handler: any RecorderHandler) {
        switch handler {
        case let gauge as Prometheus.Gauge: registry.unregisterGauge(gauge)
        case let histogram as ValueHistogram: registry.unregisterValueHistogram(histogram)
        default: break
        }
    }

    func destroyMeter(_ handler: any MeterHandler) {
        if let gauge = handler as? Prometheus.Gauge { registry.unregisterGauge(gauge) }
    }

    func destroyTimer(_ handler: any TimerHandler) {
        if let histogram = handler as? DurationHistogram { registry.unregisterDurationHistogram(histogram) }
    }
}
