public import Foundation

/// One agent of a cluster, as its last heartbeat recorded it in the shared database.
public struct ClusterAgent: Sendable, Hashable, Codable {
    /// The agent's name (`agent.name`), unique in the cluster.
    public var name: String
    /// The sites it polls (`agent.sites`); empty for any site.
    public var sites: [String]
    /// Where its API listens, for people reading `/api/v1/cluster`.
    public var address: String
    /// When it started.
    public var startedAt: Date
    /// Its last heartbeat, by the database's clock.
    public var heartbeatAt: Date
    /// When it counts as gone unless it beats again.
    public var expiresAt: Date

    /// Creates a record.
    public init(
        name: String, sites: [String], address: String, startedAt: Date, heartbeatAt: Date, expiresAt: Date
    ) {
        self.name = name
        self.sites = sites
        self.address = address
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.expiresAt = expiresAt
    }

    /// Whether the agent may poll a device of `site` (`nil`: the device names no site).
    public func serves(site: String?) -> Bool {
        sites.isEmpty || site.map(sites.contains) == true
    }
}

/// Which agent polls a device, until when: a lease in the shared database, renewed by its owner's heartbeats.
public struct DeviceLease: Sendable, Hashable, Codable {
    /// The device's name.
    public var device: String
    /// The agent that polls it.
    public var owner: String
    /// When the owner took it.
    public var acquiredAt: Date
    /// When the lease lapses unless renewed; another agent may take the device after that.
    public var expiresAt: Date

    /// Creates a lease.
    public init(device: String, owner: String, acquiredAt: Date, expiresAt: Date) {
        self.device = device
        self.owner = owner
        self.acquiredAt = acquiredAt
        self.expiresAt = expiresAt
    }
}

/// The cluster as the database sees it at one instant: its agents and its leases, with the database's clock (the
/// one every lease is measured by, whatever the agents' clocks say).
public struct ClusterView: Sendable, Hashable {
    /// The database's clock when the view was read.
    public var now: Date
    /// Every agent with a row, live or gone (see ``ClusterAgent/expiresAt``).
    public var agents: [ClusterAgent]
    /// Every lease, live or lapsed.
    public var leases: [DeviceLease]

    /// Creates a view.
    public init(now: Date, agents: [ClusterAgent], leases: [DeviceLease]) {
        self.now = now
        self.agents = agents
        self.leases = leases
    }

    /// The agents whose heartbeat has not lapsed, by name.
    public var liveAgents: [ClusterAgent] {
        agents.filter { $0.expiresAt > now }.sorted { $0.name < $1.name }
    }
}
