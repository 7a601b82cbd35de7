/// Reads an HTTP header mapping (`headers:` of HTTP checks and webhooks).
public enum HeaderReader {
    /// The headers in file order, or `nil` when a name is invalid (reported).
    public static func read(_ reader: NodeReader) -> [(name: String, value: String)]? {
        guard let pairs = reader.stringMap() else { return nil }
        var valid = true
        for (name, _, keyReader) in pairs where !isToken(name) {
            keyReader.report("invalid HTTP header name \"\(name)\"; use letters, digits and \"-\"")
            valid = false
        }
        return valid ? pairs.map { ($0.key, $0.value) } : nil
    }

    private static let separators = Set("()<>@,;:\\\"/[]?={}".unicodeScalars)

    private static func isToken(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy { $0.value > 32 && $0.value < 127 && !separators.contains($0) }
    }
}
