import Foundation
import VedettaCore
import VedettaIncidents

/// Reads `incidents:` of `vedetta.yaml`: the root-cause categories and the retention of restored incidents.
///
/// ```yaml
/// incidents:
///   categories: [hardware, carrier/line, power, software, configuration, human error, unknown]
///   retention: 3y
/// ```
enum IncidentsReader {
    static let keys = ["categories", "retention"]

    /// The shortest retention accepted: reports compare a period with the previous one, so a month and a bit.
    static let minimumRetention: Duration = .seconds(62 * 86_400)

    static func read(_ reader: NodeReader?) -> IncidentPolicy {
        var policy = IncidentPolicy()
        guard let mapping = reader?.mapping(keys: keys) else { return policy }
        if let list = mapping.optional("categories")?.stringList() {
            var seen: Set<String> = []
            var categories: [String] = []
            for (value, item) in list {
                let name = value.trimmingCharacters(in: .whitespaces)
                guard name.count <= 100 else {
                    item.report("category \"\(name.prefix(20))…\" is longer than 100 characters")
                    continue
                }
                guard seen.insert(name.lowercased()).inserted else {
                    item.report("category \"\(name)\" is listed twice")
                    continue
                }
                categories.append(name)
            }
            if categories.isEmpty, let categoriesReader = mapping.optional("categories") {
                categoriesReader.report("incidents.categories must list at least one category")
            } else {
                policy.categories = categories
            }
        }
        if let retentionReader = mapping.optional("retention"), let retention = retentionReader.duration() {
            if retention < minimumRetention {
                retentionReader.report(
                    "incidents.retention \(retention.compactDescription) is too short; keep at least 62d so that "
                        + "monthly reports can compare with the previous month")
            } else {
                policy.retention = retention
            }
        }
        return policy
    }
}
