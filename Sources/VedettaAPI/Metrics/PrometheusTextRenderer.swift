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
        var bytes: [UInt8] = []
        appendValue(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``format(_:)``'s text, as UTF-8, to `bytes`; integers digit by digit, without a `String`.
    public static func appendValue(_ value: Double, to bytes: inout [UInt8]) {
        if value.isNaN {
            bytes.append(contentsOf: "NaN".utf8)
        } else if value.isInfinite {
            bytes.append(contentsOf: (value > 0 ? "+Inf" : "-Inf").utf8)
        } else if value == value.rounded(), abs(value) < 1e15 {
            var integer = Int64(value)
            if integer < 0 {
                bytes.append(UInt8(ascii: "-"))
                integer = -integer
            }
            let start = bytes.count
            repeat {
                bytes.append(UInt8(ascii: "0") + UInt8(integer % 10))
                integer /= 10
            } while integer > 0
            bytes[start...].reverse()
        } else {
            bytes.append(contentsOf: "\(value)".utf8)
        }
    }
}
