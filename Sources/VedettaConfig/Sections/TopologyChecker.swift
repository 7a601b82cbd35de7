import VedettaCore
import VedettaRules

/// Checks the devices' `parents` once every device and rule has been read: each parent is another configured
/// device, no device stands behind itself, and some rule says when a device is down (`device_down: true`), since a
/// parent is only ever known down through such a rule.
struct TopologyChecker {
    let diagnostics: Diagnostics

    /// Reports every problem of the topology.
    /// - Parameters:
    ///   - devices: Every device read.
    ///   - rules: Every rule read.
    func check(devices: [DeviceConfiguration], rules: [AlertRule]) {
        let names = Set(devices.map(\.id))
        var known: [DeviceID: [DeviceID]] = [:]
        var locations: [DeviceID: [DeviceID: SourceLocation]] = [:]
        for device in devices {
            for parent in device.parents {
                let path = "devices.\(device.id).parents"
                if parent.device == device.id {
                    diagnostics.report(
                        "device \"\(device.id)\" cannot be its own parent", at: parent.location, path: path)
                } else if !names.contains(parent.device) {
                    diagnostics.report(
                        "unknown parent \"\(parent.device)\" of device \"\(device.id)\"; parents must be devices of "
                            + "this configuration\(suggestion(for: parent.device, among: names))",
                        at: parent.location, path: path)
                } else {
                    known[device.id, default: []].append(parent.device)
                    locations[device.id, default: [:]][parent.device] = parent.location
                }
            }
        }
        let topology = DeviceTopology(parents: known)
        if let cycle = topology.cycle(), cycle.count > 1, let location = locations[cycle[0]]?[cycle[1]] {
            let path = cycle.map(\.rawValue).joined(separator: " → ")
            diagnostics.report(
                "parents form a cycle: \(path); a device cannot stand behind itself",
                at: location, path: "devices.\(cycle[0]).parents")
        }
        if let first = devices.first(where: { !$0.parents.isEmpty }), !rules.contains(where: \.marksDeviceDown),
            let location = first.parents.first?.location
        {
            diagnostics.report(
                "devices name parents, but no alert rule says device_down: true, so no parent would ever be known "
                    + "down; add it to the rule that fires when a device does not answer (the shipped "
                    + "DeviceUnreachable in alerts/network.yaml has it)",
                at: location, path: "devices.\(first.id).parents")
        }
    }

    /// `; did you mean "x"?` for a name one or two edits from a device's, else nothing.
    private func suggestion(for name: DeviceID, among names: Set<DeviceID>) -> String {
        let close = names.map { ($0, Self.distance(name.rawValue, $0.rawValue)) }
            .filter { $0.1 <= 2 }.min { ($0.1, $0.0) < ($1.1, $1.0) }
        return close.map { "; did you mean \"\($0.0)\"?" } ?? ""
    }

    /// The Levenshtein distance between two names.
    private static func distance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs)
        let b = Array(rhs)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
