import Foundation
import VedettaCore
import VedettaIncidents
import VedettaMaintenance
import VedettaOnCall

/// What the support room's wall screen shows at one instant: sites × device roles as tiles, the open incidents,
/// who is on call, the maintenance in progress.
struct Wallboard: Equatable {
    /// A tile's colour: red (something is down and nobody took it), amber (down, somebody is on it), blue (in
    /// maintenance), green (all clear).
    enum Status: String, Comparable {
        case green, blue, amber, red

        static func < (left: Status, right: Status) -> Bool { left.rank < right.rank }
        private var rank: Int { [.green: 0, .blue: 1, .amber: 2, .red: 3][self] ?? 0 }
    }

    struct Tile: Equatable {
        var site: String
        var role: String
        var devices: Int
        var status: Status
        var down: [String]
    }

    struct OpenIncident: Equatable {
        var id: Int64
        var severity: Severity
        var summary: String
        var device: String?
        var detectedAt: Date
        var acknowledgedBy: String?
    }

    struct OnCall: Equatable {
        var schedule: String
        var person: String?
        var until: Date?
    }

    struct Maintenance: Equatable {
        var reason: String
        var match: String
        var ends: Date?
    }

    var sites: [String]
    var roles: [String]
    var tiles: [Tile]
    var incidents: [OpenIncident]
    var onCall: [OnCall]
    var maintenance: [Maintenance]

    /// The label values that make rows and columns; devices without one are shown under `—`.
    static let siteLabel = "site"
    static let roleLabel = "role"
    static let none = "—"

    /// Builds the board from the agent's devices, their `up`, the open incidents, on-call and maintenance.
    static func make(
        devices: [DiscoveryTarget], up: [String: Double], incidents: [Incident], onCall: [OnCallNow],
        windows: [MaintenanceWindow], at now: Date
    ) -> Wallboard {
        let active = windows.filter { $0.state(at: now) == .active }
        var byDevice: [String: [Incident]] = [:]
        for incident in incidents {
            if let device = incident.device?.rawValue { byDevice[device, default: []].append(incident) }
        }
        var tiles: [String: Tile] = [:]
        for device in devices {
            let site = device.labels[siteLabel] ?? none
            let role = device.labels[roleLabel] ?? none
            // The device's labels are built only while a window is active: 10,000 devices cost nothing otherwise.
            let inMaintenance =
                !active.isEmpty
                && active.contains { window in
                    window.definition.scope.matches(
                        LabelSet(device.labels.merging(["device": device.device]) { first, _ in first }))
                }
            let status = Self.status(
                incidents: byDevice[device.device] ?? [], up: up[device.device], inMaintenance: inMaintenance)
            var tile =
                tiles["\(site)\u{0}\(role)"] ?? Tile(site: site, role: role, devices: 0, status: .green, down: [])
            tile.devices += 1
            tile.status = max(tile.status, status)
            if status == .red || status == .amber { tile.down.append(device.device) }
            tiles["\(site)\u{0}\(role)"] = tile
        }
        let sorted = tiles.values.sorted { ($0.site, $0.role) < ($1.site, $1.role) }
        return Wallboard(
            sites: Array(Set(sorted.map(\.site))).sorted(), roles: Array(Set(sorted.map(\.role))).sorted(),
            tiles: sorted,
            incidents: incidents.filter { $0.restoredAt == nil }.sorted {
                ($0.severity.rank, $1.detectedAt) > ($1.severity.rank, $0.detectedAt)
            }.map {
                OpenIncident(
                    id: $0.id, severity: $0.severity, summary: $0.summary, device: $0.device?.rawValue,
                    detectedAt: $0.detectedAt, acknowledgedBy: $0.acknowledgedBy)
            },
            onCall: onCall.map { OnCall(schedule: $0.schedule.name, person: $0.person?.fullName, until: $0.until) },
            maintenance: active.map { window in
                Maintenance(
                    reason: window.definition.reason, match: window.definition.scope.description,
                    ends: window.occurrence(containing: now)?.end)
            })
    }

    private static func status(incidents: [Incident], up: Double?, inMaintenance: Bool) -> Status {
        let open = incidents.filter { $0.restoredAt == nil && $0.severity >= .warning }
        if open.contains(where: { $0.acknowledgedAt == nil && $0.severity == .critical }) { return .red }
        if !open.isEmpty { return .amber }
        if inMaintenance { return .blue }
        if up == 0 { return .amber }
        return .green
    }
}

extension Severity {
    /// 2 for critical, 1 for warning, 0 for info: the order of the board.
    var rank: Int {
        switch self {
        case .critical: 2
        case .warning: 1
        default: 0
        }
    }
}
