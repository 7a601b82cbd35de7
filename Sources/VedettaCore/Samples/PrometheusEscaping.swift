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

    /// Appends `value`'s UTF-8, escaped as a label value, to `bytes`. The three escaped characters are ASCII, so
    /// working on UTF-8 bytes escapes exactly what working on Unicode scalars does.
    /// - Parameters:
    ///   - value: The raw value.
    ///   - bytes: The text being written.
    public static func appendLabelValue(_ value: String, to bytes: inout [UInt8]) {
        var value = value
        value.withUTF8 { utf8 in
            var clean = utf8.startIndex
            for index in utf8.indices {
                let escaped: UInt8
                switch utf8[index] {
                case UInt8(ascii: "\\"): escaped = UInt8(ascii: "\\")
                case UInt8(ascii: "\""): escaped = UInt8(ascii: "\"")
                case UInt8(ascii: "\n"): escaped = UInt8(ascii: "n")
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<index]))
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(escaped)
                clean = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
        }
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
