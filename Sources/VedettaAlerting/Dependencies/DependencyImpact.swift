public import VedettaCore

/// What a device that is down takes with it: the devices behind it that no longer have a path to the agent.
public struct DependencyImpact: Sendable, Hashable {
    /// The device that is down.
    public var device: DeviceID
    /// The devices unreachable through it, sorted by name.
    public var unreachable: [DeviceID]
    /// How many of them have each `role` label, most first, then by role; devices without one are not counted.
    public var roles: [RoleCount]

    /// How many unreachable devices have one role.
    public struct RoleCount: Sendable, Hashable {
        /// The `role` label.
        public var role: String
        /// How many devices have it.
        public var count: Int

        /// Creates a count.
        public init(role: String, count: Int) {
            self.role = role
            self.count = count
        }
    }

    /// Creates an impact.
    public init(device: DeviceID, unreachable: [DeviceID], roles: [RoleCount]) {
        self.device = device
        self.unreachable = unreachable
        self.roles = roles
    }

    /// `router-milano down: 14 devices unreachable (switch 12, pbx 2)`.
    public var summary: String {
        let noun = unreachable.count == 1 ? "device" : "devices"
        let roles = roles.isEmpty ? "" : " (" + roles.map { "\($0.role) \($0.count)" }.joined(separator: ", ") + ")"
        return "\(device) down: \(unreachable.count) \(noun) unreachable\(roles)"
    }

    /// The summary on the first line, then every device, for the incident's timeline
    /// (``VedettaIncidents/IncidentEvent/Kind/impact``).
    public var detail: String {
        summary + "\n" + unreachable.map(\.rawValue).joined(separator: ", ")
    }
}
