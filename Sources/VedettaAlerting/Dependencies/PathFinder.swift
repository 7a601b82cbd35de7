import Foundation
import VedettaCore

/// Whether a device can be reached through its parents, from what the dependency muter knows of each device.
struct PathFinder {
    /// How the paths to a device stand.
    enum Status: Equatable {
        /// Some parent answers (or the device has no parent).
        case reachable
        /// Every path is cut; `roots` are the devices that are down at the start of the cuts.
        case unreachable(roots: Set<DeviceID>)
        /// A parent's state is not known yet; `detail` says what is awaited.
        case awaiting(detail: String)
    }

    let topology: DeviceTopology
    let state: DependencyMuter.State
    let waitLimits: [DeviceID: TimeInterval]

    private var records: [DeviceID: DeviceRecord] { state.records }

    /// The default wait for a parent's check when its interval is not known.
    static let defaultWaitLimit: TimeInterval = 120

    /// How the paths to `device` stand.
    /// - Parameters:
    ///   - device: The device.
    ///   - problemSince: When the device's problem started (its alert's condition first held): a parent checked
    ///     before then is not trusted to answer; `nil` trusts the latest check.
    ///   - instant: Now.
    func status(ofPathsTo device: DeviceID, problemSince: Date?, at instant: Date) -> Status {
        let checkStarted = records[device]?.lastStartedAt
        var visiting: Set<DeviceID> = [device]
        return paths(to: device, checkStarted: checkStarted, problemSince: problemSince, at: instant, &visiting)
    }

    private func paths(
        to device: DeviceID, checkStarted: Date?, problemSince: Date?, at instant: Date,
        _ visiting: inout Set<DeviceID>
    ) -> Status {
        let parents = topology.parents(of: device)
        guard !parents.isEmpty else { return .reachable }
        var roots: Set<DeviceID> = []
        var awaiting: Status?
        for parent in parents where !visiting.contains(parent) {
            visiting.insert(parent)
            defer { visiting.remove(parent) }
            switch status(
                of: parent, checkStarted: checkStarted, problemSince: problemSince, at: instant, &visiting)
            {
            case .reachable: return .reachable
            case .unreachable(let parentRoots): roots.formUnion(parentRoots)
            case .awaiting(let detail): awaiting = awaiting ?? .awaiting(detail: detail)
            }
        }
        if let awaiting { return awaiting }
        return roots.isEmpty ? .reachable : .unreachable(roots: roots)
    }

    private func status(
        of parent: DeviceID, checkStarted: Date?, problemSince: Date?, at instant: Date,
        _ visiting: inout Set<DeviceID>
    ) -> Status {
        guard let record = records[parent], let condition = record.condition else {
            if records[parent] == nil, let first = state.firstReportAt,
                instant.timeIntervalSince(first) < waitLimits[parent] ?? Self.defaultWaitLimit
            {
                return .awaiting(detail: "waiting for the first check of \(parent)")
            }
            // Watched by no device_down rule: it stands for its own parents.
            return paths(to: parent, checkStarted: checkStarted, problemSince: problemSince, at: instant, &visiting)
        }
        switch condition {
        case .down:
            let upstream = paths(
                to: parent, checkStarted: checkStarted, problemSince: problemSince, at: instant, &visiting)
            if case .unreachable = upstream { return upstream }
            return .unreachable(roots: [parent])
        case .suspect:
            return .awaiting(detail: "\(parent) does not answer either; waiting for its alert to fire or clear")
        case .up:
            if let upSince = record.upSince, checkStarted.map({ $0 < upSince }) ?? true {
                return .awaiting(detail: "\(parent) is back; waiting for the next check of this device")
            }
            if let problemSince, let checkedAt = record.checkedAt, checkedAt < problemSince,
                instant.timeIntervalSince(problemSince) < waitLimits[parent] ?? Self.defaultWaitLimit
            {
                return .awaiting(detail: "waiting for the next check of \(parent)")
            }
            return .reachable
        }
    }
}
