/// Escaping for the Prometheus text exposition format (version 0.0.4), exactly as the format requires.
///
/// | Where | Escaped |
/// |---|---|
/// | label value | backslash as `\\`, double quote as `\"`, line feed as `\n` |
/// | `# HELP` text | backslash as `\\`, line feed as `\n` |
///
/// Everything else, carriage returns and any other UTF-8 included, is kept: the format allows it, and Prometheus,
/// `promtool` and `prometheus_client` read it back unchanged.
///
/// The work is done on Unicode scalars, not on `Character`s: in Swift a CR LF pair is one `Character`, so
/// comparing characters with `"\n"` lets the line feed of a CR LF through unescaped, and one Cisco `sysDescr`
/// then breaks the whole scrape.
public enum PrometheusEscaping {
    /// A label value, ready to go between double quotes.
    /// - Parameter value: The raw value.
    /// - Returns: The escaped value.
    public static func labelValue(_ value: String) -> String {
        escaping(value, quotes: true)
    }

    /// `# HELP` text, ready to follow the metric name.
    /// - Parameter text: The raw help text.
    /// - Returns: The escaped text.
    public static func help(_ text: String) -> String {
        escaping(text, quotes: false)
    }

    private static func escaping(_ text: String, quotes: Bool) -> String {
        let needsEscaping = text.utf8.contains { byte in
            byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\n") || (quotes && byte == UInt8(ascii: "\""))
        }
        guard needsEscaping else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\"" where quotes: escaped += "\\\""
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
