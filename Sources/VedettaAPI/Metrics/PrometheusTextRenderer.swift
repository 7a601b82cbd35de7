import Foundation
public import VedettaCore

/// Renders samples in the Prometheus text exposition format (version 0.0.4).
public enum PrometheusTextRenderer {
    /// Renders `samples` grouped by metric name, each group with its `# HELP` and `# TYPE` lines,
    /// names and series in a stable order.
    /// - Parameter samples: Samples of any devices; duplicates of a series keep the last value.
    /// - Returns: The exposition text.
    public static func render(_ samples: [Sample]) -> String {
        MetricFamilies.exposition([MetricFamilies(rendering: samples)])
    }

    /// Formats a value as Prometheus does: integers without a fraction, `NaN`, `+Inf`, `-Inf`.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
