import Foundation
public import VedettaCore

/// Renders samples in the Prometheus text exposition format (version 0.0.4).
public enum PrometheusTextRenderer {
    /// Renders `samples` grouped by metric name, each group with its `# HELP` and `# TYPE` lines,
    /// names and series in a stable order.
    /// - Parameters:
    ///   - samples: Samples of any devices; duplicates of a series keep the last value.
    /// - Returns: The exposition text.
    ///   - format: The format's family headers (no OpenMetrics `# EOF`: the caller ends the exposition).
    public static func render(_ samples: [Sample], format: ExpositionFormat = .prometheusText) -> String {
        MetricFamilies.exposition([MetricFamilies(rendering: samples)], format: format)
    }

    /// Formats a value as Prometheus does: integers without a fraction, `NaN`, `+Inf`, `-Inf`.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
