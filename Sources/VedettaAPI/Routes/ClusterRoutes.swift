public import Foundation
import Hummingbird

/// What the cluster route needs from the running agent.
public protocol ClusterStatusSource: Sendable {
    /// The agents sharing the store, their heartbeats and device counts, as the database sees them now.
    /// - Throws: When the store cannot be read.
    func clusterStatus() async throws -> ClusterStatus
}

/// The agents sharing one store and how they split the devices, as `GET /api/v1/cluster` answers.
public struct ClusterStatus: Sendable, Codable, Equatable {
    /// One agent.
    public struct Agent: Sendable, Codable, Equatable {
        /// Its name (`agent.name`).
        public var name: String
        /// The sites it polls; empty for any.
        public var sites: [String]
        /// Where its API listens.
        public var address: String
        /// When it started.
        public var startedAt: Date
        /// Its last heartbeat.
        public var heartbeatAt: Date
        /// Whether its heartbeat is current (it has not stopped or lost the database).
        public var alive: Bool
        /// How many devices it holds a live lease on (polls).
        public var devices: Int

        /// Creates an entry.
        public init(
            name: String, sites: [String], address: String, startedAt: Date, heartbeatAt: Date, alive: Bool,
            devices: Int
        ) {
            self.name = name
            self.sites = sites
            self.address = address
            self.startedAt = startedAt
            self.heartbeatAt = heartbeatAt
            self.alive = alive
            self.devices = devices
        }

        enum CodingKeys: String, CodingKey {
            case name, sites, address, alive, devices
            case startedAt = "started_at"
            case heartbeatAt = "heartbeat_at"
        }
    }

    /// Whether agents share the work (a PostgreSQL store); `false` for one agent on its own SQLite file.
    public var clustered: Bool
    /// The agent answering.
    public var this: String
    /// How long a device stays with an agent that stopped beating.
    public var leaseSeconds: Double
    /// The agents, by name.
    public var agents: [Agent]
    /// Configured devices no live agent holds (between a fail-over's lease expiry and the next heartbeat, or of a
    /// site no live agent serves), by name.
    public var unassignedDevices: [String]

    /// Creates a status.
    public init(clustered: Bool, this: String, leaseSeconds: Double, agents: [Agent], unassignedDevices: [String]) {
        self.clustered = clustered
        self.this = this
        self.leaseSeconds = leaseSeconds
        self.agents = agents
        self.unassignedDevices = unassignedDevices
    }

    enum CodingKeys: String, CodingKey {
        case clustered, this, agents
        case leaseSeconds = "lease_seconds"
        case unassignedDevices = "unassigned_devices"
    }
}

/// The cluster route:
///
/// | Route | Answer |
/// |---|---|
/// | `GET /api/v1/cluster` | The agents sharing the store, their heartbeats and device counts (``ClusterStatus``); 503 when the store cannot be read |
enum ClusterRoutes {
    static func add(_ source: any ClusterStatusSource, to router: Router<APIRequestContext>) {
        router.get("/api/v1/cluster") { _, _ -> Response in
            do {
                return try JSONAnswer.response(try await source.clusterStatus(), status: .ok)
            } catch {
                return try JSONAnswer.response(
                    ["error": "the store cannot be read: \(error)"], status: .serviceUnavailable)
            }
        }
    }
}
