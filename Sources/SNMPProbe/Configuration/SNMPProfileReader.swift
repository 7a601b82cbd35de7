import VedettaConfig
import VedettaCore

/// Reads one `probes/*.yaml` file: a single SNMP device profile.
enum SNMPProfileReader {
    static let keys = ["name", "description", "match", "scalars", "tables"]
    static let metricKeys = ["name", "oid", "type", "scale", "help"]

    /// The profile, or `nil` when the file has a problem (each one reported).
    static func read(_ reader: NodeReader) -> SNMPProfile? {
        guard let mapping = reader.mapping(keys: keys) else { return nil }
        let nameReader = mapping.required("name")
        var name = nameReader?.name(.identifier, what: "profile name")
        if let nameReader, name == SNMPDeviceReader.automatic {
            nameReader.report(
                "profile name \"auto\" is reserved: devices write profiles: auto for automatic selection")
            name = nil
        }
        let description = mapping.optional("description").map { $0.string() } ?? ""
        let matchReader = mapping.optional("match")
        let match = matchReader.flatMap(ProfileMatchReader.read)
        let scalarsReader = mapping.optional("scalars")
        let scalars = scalarsReader.map { readList($0, readScalar) } ?? []
        let tablesReader = mapping.optional("tables")
        let tables = tablesReader.map { readList($0, TableReader.read) } ?? []
        if scalarsReader == nil, tablesReader == nil {
            let subject = name.map { "profile \"\($0)\"" } ?? "the profile"
            reader.report("\(subject) defines no metrics; add scalars or tables")
            return nil
        }
        guard let name, let nameReader, let description, let scalars, let tables else { return nil }
        if matchReader != nil, match == nil { return nil }
        return SNMPProfile(
            name: name,
            description: description,
            scalars: scalars,
            tables: tables,
            match: match,
            location: nameReader.location
        )
    }

    /// Reads every item of a list with `read`; `nil` if any item fails.
    static func readList<T>(_ reader: NodeReader, _ read: (NodeReader) -> T?) -> [T]? {
        guard let items = reader.list() else { return nil }
        let values = items.compactMap(read)
        return values.count == items.count ? values : nil
    }

    /// A metric's `name`, `oid`, `type`, `scale` and `help`, shared by scalars and table columns.
    static func readMetric(_ reader: NodeReader) -> MetricFields? {
        guard let mapping = reader.mapping(keys: metricKeys) else { return nil }
        let name = mapping.required("name")?.name(.metric, what: "metric name")
        let oid = mapping.required("oid")?.oid()
        let type = mapping.required("type")?.choice("metric type", of: SNMPMetricType.self)
        let scale = mapping.optional("scale").map { $0.double() } ?? 1
        let help = mapping.optional("help").map { $0.string() } ?? ""
        guard let name, let oid, let type, let scale, let help else { return nil }
        return MetricFields(name: name, oid: oid, type: type, scale: scale, help: help)
    }

    private static func readScalar(_ reader: NodeReader) -> SNMPScalarMetric? {
        readMetric(reader).map {
            SNMPScalarMetric(name: $0.name, oid: $0.oid, type: $0.type, scale: $0.scale, help: $0.help)
        }
    }
}

/// The fields every metric has, scalar or column.
struct MetricFields {
    var name: String
    var oid: OID
    var type: SNMPMetricType
    var scale: Double
    var help: String
}
