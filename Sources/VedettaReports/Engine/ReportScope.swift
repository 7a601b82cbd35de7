import VedettaCore
import VedettaIncidents

/// The devices a report measures and which of them each incident affects.
struct ReportScope {
    /// Every device, by name: the configured ones and those only seen in incidents.
    let devices: [DeviceID: LabelSet]
    /// The devices in name order.
    let deviceOrder: [DeviceID]

    init(configured: [ReportRequest.Device], spans: [IncidentSpan]) {
        var devices: [DeviceID: LabelSet] = [:]
        for device in configured { devices[device.id] = device.labels.merging(["device": device.id.rawValue]) }
        for span in spans {
            guard let device = span.device, devices[device] == nil else { continue }
            devices[device] = span.labels
        }
        self.devices = devices
        self.deviceOrder = devices.keys.sorted { $0.rawValue < $1.rawValue }
    }

    /// The devices an incident affects: its `device`, or for a manual incident without one, every device whose
    /// labels include all of the incident's. An alert's incident without a `device` label affects none.
    func affected(by span: IncidentSpan) -> [DeviceID] {
        if let device = span.device { return [device] }
        guard span.origin == .manual else { return [] }
        return deviceOrder.filter { devices[$0].map { includes($0, span.labels) } ?? false }
    }

    /// The devices whose labels include all of `match`.
    func devices(matching match: LabelSet) -> [DeviceID] {
        deviceOrder.filter { devices[$0].map { includes($0, match) } ?? false }
    }

    /// The group keys of an incident: its own label, else those of the devices it affects; its rule, severity or
    /// category.
    func keys(of span: IncidentSpan, affected: [DeviceID], grouping: ReportGrouping) -> [String?] {
        switch grouping {
        case .rule: return [span.rule]
        case .severity: return [span.severity.rawValue]
        case .category: return [span.category]
        case .site, .role, .device:
            let label = grouping.label ?? ""
            if let own = span.labels[label] { return [own] }
            let values = Set(affected.compactMap { devices[$0]?[label] })
            return values.isEmpty ? [nil] : values.sorted().map { Optional($0) }
        }
    }

    /// The key of a device in a grouping by label.
    func key(of device: DeviceID, grouping: ReportGrouping) -> String? {
        grouping.label.flatMap { devices[device]?[$0] }
    }

    private func includes(_ labels: LabelSet, _ match: LabelSet) -> Bool {
        match.allSatisfy { labels[$0.name] == $0.value }
    }
}
