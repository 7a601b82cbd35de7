public import VedettaCore
import Yams

extension NodeReader {
    /// The node as a mapping whose keys must be among `keys`; unknown keys are reported at once.
    public func mapping(keys: [String]) -> MappingReader? {
        guard case .mapping(let mapping) = node else {
            report("expected a mapping for \(displayPath), got \(kindDescription)")
            return nil
        }
        return MappingReader(self, mapping: mapping, keys: keys)
    }

    /// The items of a list, each with its indexed path.
    public func list() -> [NodeReader]? {
        guard case .sequence(let sequence) = node else {
            report("expected a list for \(displayPath), got \(kindDescription)")
            return nil
        }
        return sequence.enumerated().map { item($0.element, index: $0.offset) }
    }

    /// One string or a list of them (`to: a@x.it` or `to: [a@x.it, b@x.it]`), each with its reader; `nil` after a
    /// problem (reported).
    public func stringOrList() -> [(value: String, reader: NodeReader)]? {
        if let text = scalarText { return [(text, self)] }
        return stringList()
    }

    /// A list of non-empty strings, each with its reader (for per-item locations).
    public func stringList() -> [(value: String, reader: NodeReader)]? {
        guard let items = list() else { return nil }
        return items.compactMap { item in item.nonEmptyString().map { ($0, item) } }
    }

    /// A mapping of strings to strings (`labels`, `headers`), in file order; each pair keeps its key's reader.
    public func stringMap() -> [(key: String, value: String, reader: NodeReader)]? {
        guard case .mapping(let mapping) = node else {
            report("expected a mapping for \(displayPath), got \(kindDescription)")
            return nil
        }
        var result: [(key: String, value: String, reader: NodeReader)] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let key) = keyNode else {
                report("keys of \(displayPath) must be plain names", at: file.location(keyNode.mark))
                continue
            }
            let keyReader = child(keyNode, key: key.string)
            let valueReader = child(valueNode, key: key.string)
            guard let value = valueReader.isNull ? "" : valueReader.string() else { continue }
            result.append((key.string, value, keyReader))
        }
        return result
    }
}

extension NodeReader {
    /// The items of the node when it is a list, without reporting anything (an empty array otherwise).
    public func peekItems() -> [NodeReader] {
        guard case .sequence(let sequence) = node else { return [] }
        return sequence.enumerated().map { item($0.element, index: $0.offset) }
    }

    /// The non-null scalar value of `key` when this node is a mapping, without reporting anything.
    ///
    /// Used to learn an item's name before validating it, so duplicate names are found even among invalid items.
    public func peekScalar(_ key: String) -> (value: String, location: SourceLocation)? {
        guard case .mapping(let mapping) = node,
            let value = mapping.first(where: { $0.key.scalar?.string == key })?.value
        else { return nil }
        let reader = child(value, key: key)
        guard case .scalar(let scalar) = value, !reader.isNull else { return nil }
        return (scalar.string, reader.location)
    }
}

extension NodeReader {
    /// A mapping's keys (as text, with their readers) and value readers, in file order.
    public func stringMapOfValues() -> [(key: String, keyReader: NodeReader, value: NodeReader)]? {
        guard case .mapping(let mapping) = node else {
            report("expected a mapping for \(displayPath), got \(kindDescription)")
            return nil
        }
        var result: [(key: String, keyReader: NodeReader, value: NodeReader)] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let key) = keyNode else {
                report("keys of \(displayPath) must be plain names", at: file.location(keyNode.mark))
                continue
            }
            result.append((key.string, child(keyNode, key: key.string), child(valueNode, key: key.string)))
        }
        return result
    }
}
