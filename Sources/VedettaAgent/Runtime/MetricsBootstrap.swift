import Metrics
import Prometheus
import Synchronization

/// Installs swift-prometheus as the process-wide swift-metrics backend, once, and renders its text.
final class SelfMetrics: Sendable {
    /// The process-wide instance: swift-metrics allows one bootstrap per process.
    static let shared = SelfMetrics()

    private let registry = PrometheusCollectorRegistry()

    private init() {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }

    /// The agent's own metrics in Prometheus text format.
    func text() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
