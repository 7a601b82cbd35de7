import VedettaCore

/// Remembers where each name was first defined, and reports later definitions of the same name.
public struct DuplicateNames {
    /// What the names are, for messages: `device`, `alert`.
    public let kind: String
    /// Said after the message, e.g. why two lists share one namespace.
    public let note: String?
    private var firstDefinitions: [String: SourceLocation] = [:]

    public init(kind: String, note: String? = nil) {
        self.kind = kind
        self.note = note
    }

    /// Records the name of `reader` (its `key` value); reports and returns `false` when it was seen before.
    public mutating func register(_ reader: NodeReader, key: String) -> Bool {
        guard let (name, location) = reader.peekScalar(key) else { return true }
        if let first = firstDefinitions[name] {
            let because = note.map { " (\($0))" } ?? ""
            reader.diagnostics.report(
                "duplicate \(kind) \"\(name)\"; first defined at \(first.file):\(first.line)\(because)",
                at: location,
                path: reader.childPath(key)
            )
            return false
        }
        firstDefinitions[name] = location
        return true
    }

    /// Every name registered so far.
    public var names: Set<String> { Set(firstDefinitions.keys) }

    /// Reads every item with `read` and keeps those whose name (`key`) was not defined before; a later definition
    /// is reported and left out, but still read, so that its own mistakes are reported too.
    ///
    /// - Parameters:
    ///   - items: The list's items.
    ///   - key: The key holding each item's name.
    ///   - read: Reads one item; `nil` for an invalid one (reported by `read`).
    /// - Returns: The valid items with names not seen before, in order.
    public mutating func readUnique<T>(_ items: [NodeReader], key: String, _ read: (NodeReader) -> T?) -> [T] {
        items.compactMap { item in
            let isFirst = register(item, key: key)
            let value = read(item)
            return isFirst ? value : nil
        }
    }
}
