import Yams

/// Reads the values of one YAML mapping by key.
///
/// The keys the section understands are given up front, so an unknown key (often a typo) is reported with the
/// list of valid ones. A value of `~` or nothing counts as "not given". YAML merge keys (`<<: *defaults`) are
/// honoured: their pairs apply where the mapping does not set the key itself.
public struct MappingReader {
    /// The mapping node.
    public let reader: NodeReader
    private let entries: [String: (key: Node, value: Node)]

    init(_ reader: NodeReader, mapping: Node.Mapping, keys: [String]) {
        self.reader = reader
        var entries: [String: (key: Node, value: Node)] = [:]
        var merged: [String: (key: Node, value: Node)] = [:]
        for (keyNode, valueNode) in mapping {
            let keyLocation = reader.file.location(keyNode.mark)
            guard case .scalar(let key) = keyNode else {
                reader.report("keys of \(reader.displayPath) must be plain names", at: keyLocation)
                continue
            }
            if key.string == "<<" {
                Self.merge(valueNode, into: &merged, reader: reader.child(valueNode, key: "<<"))
                continue
            }
            guard keys.contains(key.string) else {
                let place = reader.path.isEmpty ? "at the top level" : "in \(reader.path)"
                let expected = keys.joined(separator: ", ")
                reader.diagnostics.report(
                    "unknown key \"\(key.string)\" \(place); expected one of \(expected)",
                    at: keyLocation,
                    path: reader.childPath(key.string)
                )
                continue
            }
            entries[key.string] = (keyNode, valueNode)
        }
        for (key, entry) in merged where entries[key] == nil && keys.contains(key) {
            entries[key] = entry
        }
        self.entries = entries
    }

    private static func merge(_ node: Node, into merged: inout [String: (key: Node, value: Node)], reader: NodeReader) {
        switch node {
        case .mapping(let mapping):
            for (keyNode, valueNode) in mapping {
                if let key = keyNode.scalar?.string, merged[key] == nil { merged[key] = (keyNode, valueNode) }
            }
        case .sequence(let sequence):
            for item in sequence { merge(item, into: &merged, reader: reader) }
        default:
            reader.report("expected a mapping (or a list of mappings) to merge with \"<<\"")
        }
    }

    /// The value of `key`, or `nil` when it is absent or null.
    public func optional(_ key: String) -> NodeReader? {
        guard let entry = entries[key] else { return nil }
        let value = reader.child(entry.value, key: key)
        return value.isNull ? nil : value
    }

    /// The value of `key`; reports a missing key at the mapping and an empty one at the key.
    public func required(_ key: String) -> NodeReader? {
        guard let entry = entries[key] else {
            let place = reader.path.isEmpty ? "at the top level" : "in \(reader.path)"
            reader.diagnostics.report(
                "missing required key \"\(key)\" \(place)",
                at: reader.location,
                path: reader.childPath(key)
            )
            return nil
        }
        let value = reader.child(entry.value, key: key)
        guard !value.isNull else {
            value.report("\(value.path) needs a value")
            return nil
        }
        return value
    }
}
