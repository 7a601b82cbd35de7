import Foundation

/// Splits a schema script into statements for the extended query protocol, which runs one statement at a time:
/// a statement ends with a line ending in `;`, except inside a `$$ … $$` function body.
enum SQLScript {
    /// The statements of `script`, without their final `;`, comment-only lines dropped.
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current: [Substring] = []
        var inBody = false
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current.isEmpty, trimmed.isEmpty || trimmed.hasPrefix("--") { continue }
            current.append(line)
            if line.components(separatedBy: "$$").count % 2 == 0 { inBody.toggle() }
            if !inBody, trimmed.hasSuffix(";") {
                var statement = current.joined(separator: "\n")
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                statement.removeLast()
                statements.append(statement)
                current = []
            }
        }
        let rest = current.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }
}
