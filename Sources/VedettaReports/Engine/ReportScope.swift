import VedettaCore
import VedettaIncidents

/// The devices a report measures, by index, and which of them each incident affects.
struct ReportScope: Sendable {
    /// Every device: the configured ones and those only seen in incidents, in name order.
    let ids: [DeviceID]
    /// Their labels (with `device`).
    let labels: [LabelSet]
    private let index: [DeviceID: Int]

    /// The configured devices, and those only seen in the incidents of `spans` whose severity `included` (by
    /// ``VedettaCore/Severity/position``), with the labels of their first such incident.
    init(configured: [ReportRequest.Device], spans: IncidentSpanTable, included: [Bool]) {
        var devices: [DeviceID: LabelSet] = [:]
        for device in configured { devices[device.id] = device.labels.merging(["device": device.id.rawValue]) }
        var seen = Array(repeating: false, count: spans.labelSets.count)
        for row in spans.rows where !seen[Int(row.labelSet)] && included[row.severity.position] {
            seen[Int(row.labelSet)] = true
            let labels = spans.labelSets[Int(row.labelSet)]
            guard let device = labels["device"].map({ DeviceID($0) }), devices[device] == nil else { continue }
            devices[device] = labels
        }
        let ids = devices.keys.sorted { $0.rawValue < $1.rawValue }
        self.ids = ids
        self.labels = ids.map { devices[$0] ?? LabelSet() }
        self.index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
    }

    var count: Int { ids.count }

    /// The index of a device.
    func index(of device: DeviceID) -> Int? { index[device] }

    /// The devices whose labels include all of `match`.
    func devices(matching match: LabelSet) -> [Int] {
        labels.indices.filter { includes(labels[$0], match) }
    }

    /// The key of device `index` in a grouping by label.
    func key(ofDevice index: Int, grouping: ReportGrouping) -> String? {
        grouping.label.flatMap { labels[index][$0] }
    }

    func includes(_ labels: LabelSet, _ match: LabelSet) -> Bool {
        match.allSatisfy { labels[$0.name] == $0.value }
    }
}

/// Finds the devices each incident affects: its `device`, or for a manual incident without one, every device
/// whose labels include all of the incident's. Found once per label set, before counting. An alert's incident
/// without a `device` label affects none.
struct AffectedDevices: Sendable {
    /// The devices of one incident: usually one, without allocating.
    enum Devices: Sendable {
        case none
        case one(Int)
        case many([Int])

        /// Calls `body` with each device.
        func forEach(_ body: (Int) throws -> Void) rethrows {
            switch self {
            case .none: break
            case .one(let device): try body(device)
            case .many(let devices): for device in devices { try body(device) }
            }
        }
    }

    /// By label set: the index of the device of its `device` label; -1 without a `device` label, -2 for a
    /// device outside the scope.
    private let device: [Int]
    /// By label set without a `device` label: the devices a manual incident with it affects.
    private let ofManual: [Int: [Int]]

    init(scope: ReportScope, labelSets: [LabelSet]) {
        var device: [Int] = []
        var ofManual: [Int: [Int]] = [:]
        device.reserveCapacity(labelSets.count)
        for (index, labels) in labelSets.enumerated() {
            if let name = labels["device"] {
                device.append(scope.index(of: DeviceID(name)) ?? -2)
            } else {
                device.append(-1)
                ofManual[index] = scope.devices(matching: labels)
            }
        }
        self.device = device
        self.ofManual = ofManual
    }

    func of(_ row: IncidentSpanTable.Row) -> Devices {
        let found = device[Int(row.labelSet)]
        if found >= 0 { return .one(found) }
        guard found == -1, row.origin == .manual, let matching = ofManual[Int(row.labelSet)] else { return .none }
        return .many(matching)
    }
}
