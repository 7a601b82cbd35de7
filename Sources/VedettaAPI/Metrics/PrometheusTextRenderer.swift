import Foundation
public import VedettaCore

/// Renders samples in the Prometheus text exposition format (version 0.0.4).
public enum PrometheusTextRenderer {
    /// Renders `samples` grouped by metric name, each group with its `# HELP` and `# TYPE` lines,
    /// names and series in a stable order.
    /// - Parameter samples: Samples of any devices; duplicates of a series keep the last value.
    /// - Returns: The exposition text.
    public static func render(_ samples: [Sample]) -> String {
        var byName: [String: [SeriesKey: Sample]] = [:]
        for sample in samples {
            byName[sample.name, default: [:]][sample.seriesKey] = sample
        }
        var text = ""
        text.reserveCapacity(samples.count * 96)
        for name in byName.keys.sorted() {
            guard let series = byName[name], let first = series.values.first else { continue }
            if !first.help.isEmpty { text += "# HELP \(name) \(PrometheusEscaping.help(first.help))\n" }
            text += "# TYPE \(name) \(first.kind == .counter ? "counter" : "gauge")\n"
            // Each series' label text is built once, then sorted: comparing `description`s would rebuild both
            // strings on every comparison (n log n times).
            let lines = series.map {
                (labels: $0.key.labels.isEmpty ? "" : $0.key.labels.description, value: $0.value.value)
            }
            for line in lines.sorted(by: { $0.labels < $1.labels }) {
                text += name + line.labels + " " + format(line.value) + "\n"
            }
        }
        return text
    }

    /// Formats a value as Prometheus does: integers without a fraction, `NaN`, `+Inf`, `-Inf`.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
