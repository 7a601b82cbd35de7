import VedettaConfig
import VedettaCore

/// Reads `tables[]` of a profile.
enum TableReader {
    static let keys = ["name", "index", "labels", "metrics"]
    static let indexKeys = ["name", "type"]
    static let labelKeys = ["name", "oid"]

    /// The table, or `nil` when it has a problem (each one reported).
    static func read(_ reader: NodeReader) -> SNMPTable? {
        guard let mapping = reader.mapping(keys: keys) else { return nil }
        let namesAreUnique = labelNamesAreUnique(mapping)
        let name = mapping.required("name")?.nonEmptyString()
        let index = mapping.required("index").flatMap(readIndex)
        let labels = mapping.optional("labels").map { SNMPProfileReader.readList($0, readLabel) } ?? []
        let metrics = mapping.required("metrics").flatMap(readMetrics)
        guard let name, let index, let labels, let metrics, namesAreUnique else { return nil }
        return SNMPTable(name: name, index: index, labels: labels, metrics: metrics)
    }

    private static func readIndex(_ reader: NodeReader) -> [SNMPIndexComponent]? {
        guard let components = SNMPProfileReader.readList(reader, readIndexComponent) else { return nil }
        guard !components.isEmpty else {
            reader.report("\(reader.path) needs at least one component")
            return nil
        }
        if let rest = components.dropLast().firstIndex(where: { $0.encoding == .rest }) {
            reader.report("index component \"\(components[rest].name)\" has type rest, which is allowed only last")
            return nil
        }
        return components
    }

    private static func readIndexComponent(_ reader: NodeReader) -> SNMPIndexComponent? {
        guard let mapping = reader.mapping(keys: indexKeys) else { return nil }
        let name = mapping.required("name")?.name(.label, what: "label name")
        let encoding = mapping.required("type")?.choice("index type", of: SNMPIndexComponent.Encoding.self)
        guard let name, let encoding else { return nil }
        return SNMPIndexComponent(name: name, encoding: encoding)
    }

    private static func readLabel(_ reader: NodeReader) -> SNMPColumnLabel? {
        guard let mapping = reader.mapping(keys: labelKeys) else { return nil }
        let name = mapping.required("name")?.name(.label, what: "label name")
        let oid = mapping.required("oid")?.oid()
        guard let name, let oid else { return nil }
        return SNMPColumnLabel(name: name, oid: oid)
    }

    private static func readMetrics(_ reader: NodeReader) -> [SNMPColumnMetric]? {
        let metrics = SNMPProfileReader.readList(reader) { item in
            SNMPProfileReader.readMetric(item).map {
                SNMPColumnMetric(name: $0.name, oid: $0.oid, type: $0.type, scale: $0.scale, help: $0.help)
            }
        }
        guard let metrics else { return nil }
        guard !metrics.isEmpty else {
            reader.report("\(reader.path) needs at least one metric")
            return nil
        }
        return metrics
    }

    /// Index components and label columns share one namespace (both become labels of the row), so each name may
    /// appear once. Checked on the raw items, so a duplicate is reported at the duplicate itself and together with
    /// every other error of the file.
    private static func labelNamesAreUnique(_ mapping: MappingReader) -> Bool {
        var names = DuplicateNames(kind: "label", note: "index and labels share one namespace")
        var unique = true
        for key in ["index", "labels"] {
            for item in mapping.optional(key)?.peekItems() ?? [] where !names.register(item, key: "name") {
                unique = false
            }
        }
        return unique
    }
}
