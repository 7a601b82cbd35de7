import VedettaCore
import VedettaIncidents

/// The devices a report measures, by index, and which of them each incident affects.
struct ReportScope {
    /// Every device: the configured ones and those only seen in incidents, in name order.
    let ids: [DeviceID]
    /// Their labels (with `device`).
    let labels: [LabelSet]
    private let index: [DeviceID: Int]

    init(configured: [ReportRequest.Device], spans: [IncidentSpan]) {
        var devices: [DeviceID: LabelSet] = [:]
        for device in configured { devices[device.id] = device.labels.merging(["device": device.id.rawValue]) }
        for span in spans {
            guard let device = span.device, devices[device] == nil else { continue }
            devices[device] = span.labels
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
/// whose labels include all of the incident's (remembered per label set). An alert's incident without a `device`
/// label affects none.
struct AffectedDevices {
    let scope: ReportScope
    private var byLabels: [LabelSet: [Int]] = [:]

    init(scope: ReportScope) {
        self.scope = scope
    }

    mutating func of(_ span: IncidentSpan) -> [Int] {
        if let device = span.device { return scope.index(of: device).map { [$0] } ?? [] }
        guard span.origin == .manual else { return [] }
        if let known = byLabels[span.labels] { return known }
        let found = scope.devices(matching: span.labels)
        byLabels[span.labels] = found
        return found
    }
}
