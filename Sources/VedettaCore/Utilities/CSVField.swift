import Foundation

/// One field of a CSV file that a spreadsheet reads safely.
public enum CSVField {
    /// `text` as a CSV field: quoted (with doubled quotes) when it holds the separator, a quote or a line break;
    /// a leading `=`, `+`, `-` or `@` is prefixed with `'` so that a spreadsheet never runs it as a formula.
    ///
    /// - Parameters:
    ///   - text: The field's text.
    ///   - separator: The file's separator (`,`, or `;` in locales with a decimal comma).
    /// - Returns: The field as written in the file.
    public static func quoted(_ text: String, separator: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(separator) || value.contains("\"") || value.contains("\n") || value.contains("\r") else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
