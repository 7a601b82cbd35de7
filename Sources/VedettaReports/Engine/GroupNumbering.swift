import VedettaCore
import VedettaIncidents

/// The groups of one report, numbered up front, and the group each incident counts in, decided once per label
/// set, rule, severity or category rather than once per incident. Numbers fixed before any incident is counted
/// let two halves of the incidents be tallied apart and added up by number.
struct GroupNumbering: Sendable {
    /// A group's key; `nil` for incidents without one.
    typealias Key = String?

    let grouping: ReportGrouping
    /// Every possible key, by number.
    let keys: [Key]
    private let numbers: [Key: Int]
    /// In groupings by label: each label set's own group, or -1 when it lacks the label. In groupings by rule or
    /// category: each rule's or category's group.
    private let byIndex: [Int]
    /// The group of incidents without a category, and of each severity (in those groupings).
    private let withoutCategory: Int
    private let bySeverity: [Int]

    init(grouping: ReportGrouping, spans: IncidentSpanTable, scope: ReportScope) {
        self.grouping = grouping
        var keys: [Key] = []
        var numbers: [Key: Int] = [:]
        func number(_ key: Key) -> Int {
            if let known = numbers[key] { return known }
            numbers[key] = keys.count
            keys.append(key)
            return keys.count - 1
        }
        switch grouping {
        case .site, .role, .device:
            let label = grouping.label ?? ""
            byIndex = spans.labelSets.map { labels in labels[label].map { number($0) } ?? -1 }
            for device in scope.labels.indices { _ = number(scope.key(ofDevice: device, grouping: grouping)) }
            _ = number(nil)
        case .rule:
            byIndex = spans.rules.map { number($0) }
        case .category:
            byIndex = spans.categories.map { number($0) }
            _ = number(nil)
        case .severity:
            byIndex = []
            for severity in Severity.allCases { _ = number(severity.rawValue) }
        }
        self.keys = keys
        self.numbers = numbers
        self.withoutCategory = numbers[nil] ?? 0
        self.bySeverity = Severity.allCases.map { numbers[$0.rawValue] ?? 0 }
    }

    /// The number of `key`, if it is one of the report's.
    func number(of key: Key) -> Int? { numbers[key] }

    /// Calls `body` with each group `span` counts in: its own, or in a grouping by label for an incident without
    /// the label, the group of each device it affects (once each).
    func forEachGroup(
        of span: IncidentSpanTable.Row, devices: AffectedDevices.Devices, scope: ReportScope,
        _ body: (Int) -> Void
    ) {
        switch grouping {
        case .site, .role, .device:
            let own = byIndex[Int(span.labelSet)]
            if own >= 0 { return body(own) }
            var seen: Set<Int> = []
            devices.forEach { device in
                if let number = numbers[scope.key(ofDevice: device, grouping: grouping)] { seen.insert(number) }
            }
            if seen.isEmpty, let none = numbers[nil] { seen.insert(none) }
            for number in seen.sorted() { body(number) }
        case .rule, .category, .severity:
            body(Int(kindGroup(of: span)))
        }
    }

    /// In groupings by kind of incident (rule, severity, category): the group `span` counts in, under which its
    /// downtime counts too; -1 in groupings by label.
    func kindGroup(of span: IncidentSpanTable.Row) -> Int32 {
        switch grouping {
        case .site, .role, .device:
            return -1
        case .rule:
            return Int32(byIndex[Int(span.rule)])
        case .category:
            return Int32(span.category.map { byIndex[Int($0)] } ?? withoutCategory)
        case .severity:
            return Int32(bySeverity[span.severity.position])
        }
    }
}
