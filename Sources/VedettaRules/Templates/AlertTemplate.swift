import Foundation
public import VedettaCore

/// Fills in the placeholders of an alert's `summary` and `description`.
///
/// - `{{ $labels.NAME }}` becomes the value of the alert label `NAME` (empty when the alert has no such label);
/// - `{{ $value }}` becomes the series value, written compactly (see ``format(_:)``);
/// - `{{ $output }}` becomes the first line of the text the probe reported with the value (a plugin's status line),
///   and `{{ $long_output }}` the lines after it (its long output), both empty when the probe reported none. The
///   names are Nagios's `$SERVICEOUTPUT$` and `$LONGSERVICEOUTPUT$`.
///
/// Spacing inside the braces is free (`{{$value}}`, `{{  $labels.device }}`). Anything else between `{{` and `}}`,
/// and a `{{` without `}}`, is left as written, so a typo shows up in the notification instead of vanishing.
public enum AlertTemplate {
    /// Renders a template.
    ///
    /// - Parameters:
    ///   - template: The text with placeholders.
    ///   - labels: The alert labels.
    ///   - value: The series value.
    ///   - output: The text the probe reported with the value, if any.
    /// - Returns: The text with every known placeholder replaced.
    public static func render(_ template: String, labels: LabelSet, value: Double?, output: String? = nil) -> String {
        // Every poll renders the templates of every alert it holds, so this scans UTF-8 bytes (the braces are
        // ASCII) instead of searching with Foundation.
        let bytes = Array(template.utf8)
        var rendered = ""
        var literalStart = 0
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            guard let close = closingBraces(in: bytes, from: index + 2) else { break }  // `{{` without `}}`: kept
            let inner = String(decoding: bytes[(index + 2)..<close], as: UTF8.self)
            if let replacement = replacement(
                for: inner.trimmingSpaces(), labels: labels, value: value, output: output)
            {
                rendered += String(decoding: bytes[literalStart..<index], as: UTF8.self)
                rendered += replacement
                literalStart = close + 2
            }
            index = close + 2
        }
        guard literalStart > 0 else { return template }
        return rendered + String(decoding: bytes[literalStart...], as: UTF8.self)
    }

    /// Where the first `}}` at or after `start` begins.
    private static func closingBraces(in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "}"), bytes[index + 1] == UInt8(ascii: "}") { return index }
            index += 1
        }
        return nil
    }

    /// Writes a value compactly: integers without decimals (`2`, `-15`); other numbers from 1 up with at most four
    /// decimals and no trailing zeros (`2.5`, `3.1416`); numbers below 1 with four significant digits (`0.25`,
    /// `0.001235`, `1.235e-05`); `NaN`, `+Inf` and `-Inf` as in Prometheus.
    ///
    /// - Parameter value: The value.
    /// - Returns: The text.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "-Inf") }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        if abs(value) < 1 || abs(value) >= 1e15 { return String(format: "%.4g", value) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    private static func replacement(
        for placeholder: String, labels: LabelSet, value: Double?, output: String?
    ) -> String? {
        switch placeholder {
        case "$value": return value.map(format) ?? ""
        case "$output": return output.map(firstLine) ?? ""
        case "$long_output": return output.map(linesAfterFirst) ?? ""
        default: break
        }
        let prefix = "$labels."
        guard placeholder.hasPrefix(prefix) else { return nil }
        let name = placeholder.dropFirst(prefix.count)
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            return nil
        }
        return labels[String(name)] ?? ""
    }

    private static func firstLine(_ text: String) -> String {
        String(text.prefix { $0 != "\n" })
    }

    private static func linesAfterFirst(_ text: String) -> String {
        guard let newline = text.firstIndex(of: "\n") else { return "" }
        return String(text[text.index(after: newline)...])
    }
}

extension String {
    /// The text without spaces and tabs (Unicode space separators included) at either end, as Foundation's
    /// `trimmingCharacters(in: .whitespaces)`.
    fileprivate func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
