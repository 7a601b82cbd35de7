import VedettaConfig
import VedettaCore

/// Reads a profile's `match`: `any`, or a mapping with `sys_object_id` prefixes.
enum ProfileMatchReader {
    static let keys = ["sys_object_id"]

    /// The match, or `nil` when it is invalid (each problem reported).
    static func read(_ reader: NodeReader) -> SNMPProfileMatch? {
        if reader.scalarText != nil {
            guard let text = reader.string() else { return nil }
            guard text == "any" else {
                reader.report(
                    "invalid match \"\(text)\"; use any, or a mapping with sys_object_id (a list of OID prefixes)")
                return nil
            }
            return .any
        }
        guard let mapping = reader.mapping(keys: keys), let list = mapping.required("sys_object_id") else {
            return nil
        }
        guard let items = list.list() else { return nil }
        guard !items.isEmpty else {
            list.report("\(list.path) must list at least one OID prefix")
            return nil
        }
        var prefixes: [OID] = []
        var valid = true
        for item in items {
            guard let prefix = item.oid() else {
                valid = false
                continue
            }
            if prefixes.contains(prefix) {
                item.report("OID prefix \(prefix) is listed twice")
                valid = false
            } else {
                prefixes.append(prefix)
            }
        }
        return valid ? .sysObjectID(prefixes) : nil
    }
}
