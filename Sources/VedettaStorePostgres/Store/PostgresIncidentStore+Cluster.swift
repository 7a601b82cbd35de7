public import Foundation
import PostgresNIO
public import VedettaCluster
public import VedettaCore

extension PostgresIncidentStore: ClusterStore {
    /// The database's clock in milliseconds since 1970: the one clock every lease is measured by.
    private static let databaseNow = "(extract(epoch from clock_timestamp()) * 1000)::bigint"

    /// Records a heartbeat of `name`, valid for `ttl`, and reads the cluster.
    public func heartbeat(name: String, sites: [String], address: String, startedAt: Date, ttl: Duration)
        async throws(StoreError) -> ClusterView
    {
        let sitesJSON = Self.json(sites)
        let started = Milliseconds.of(startedAt)
        let ttlMilliseconds = Self.milliseconds(ttl)
        return try await write("cluster heartbeat") { session in
            try await session.execute(
                """
                INSERT INTO cluster_agent (name, sites, address, started_at, heartbeat_at, expires_at)
                VALUES (\(name), \(sitesJSON), \(address), \(started), \(unescaped: Self.databaseNow),
                    \(unescaped: Self.databaseNow) + \(ttlMilliseconds))
                ON CONFLICT (name) DO UPDATE SET sites = EXCLUDED.sites, address = EXCLUDED.address,
                    started_at = EXCLUDED.started_at, heartbeat_at = EXCLUDED.heartbeat_at,
                    expires_at = EXCLUDED.expires_at
                """)
            return try await Self.view(session)
        }
    }

    /// Renews, takes and gives up `owner`'s leases in one transaction.
    public func updateLeases(
        owner: String, keep: Set<String>, acquire: Set<String>, release: Set<String>, ttl: Duration
    ) async throws(StoreError) -> [DeviceLease] {
        let ttlMilliseconds = Self.milliseconds(ttl)
        let (keep, acquire, release) = (Array(keep), Array(acquire), Array(release))
        return try await write("update leases") { session in
            if !release.isEmpty {
                try await session.execute(
                    "DELETE FROM device_lease WHERE owner = \(owner) AND device = ANY(\(release))")
            }
            if !keep.isEmpty {
                try await session.execute(
                    """
                    UPDATE device_lease SET expires_at = \(unescaped: Self.databaseNow) + \(ttlMilliseconds)
                    WHERE owner = \(owner) AND device = ANY(\(keep))
                    """)
            }
            if !acquire.isEmpty {
                try await session.execute(
                    """
                    INSERT INTO device_lease (device, owner, acquired_at, expires_at)
                    SELECT d, \(owner), \(unescaped: Self.databaseNow),
                        \(unescaped: Self.databaseNow) + \(ttlMilliseconds)
                    FROM unnest(\(acquire)::text[]) AS d
                    ON CONFLICT (device) DO UPDATE SET owner = EXCLUDED.owner, acquired_at = EXCLUDED.acquired_at,
                        expires_at = EXCLUDED.expires_at
                    WHERE device_lease.expires_at <= \(unescaped: Self.databaseNow)
                        OR device_lease.owner = EXCLUDED.owner
                    """)
            }
            return try await session.rows(
                """
                SELECT device, owner, acquired_at, expires_at FROM device_lease
                WHERE owner = \(owner) AND expires_at > \(unescaped: Self.databaseNow) ORDER BY device
                """
            ).map(Self.lease)
        }
    }

    /// Removes `name` and its leases.
    public func leaveCluster(name: String) async throws(StoreError) {
        try await write("leave cluster") { session in
            try await session.execute("DELETE FROM device_lease WHERE owner = \(name)")
            try await session.execute("DELETE FROM cluster_agent WHERE name = \(name)")
        }
    }

    /// The agents and leases as they stand.
    public func clusterView() async throws(StoreError) -> ClusterView {
        try await read("read cluster") { session in try await Self.view(session) }
    }

    private static func view(_ session: PostgresSession) async throws -> ClusterView {
        let now = try await session.value(PostgresQuery(unsafeSQL: "SELECT \(databaseNow)"), as: Int64.self) ?? 0
        let agents = try await session.rows(
            "SELECT name, sites, address, started_at, heartbeat_at, expires_at FROM cluster_agent ORDER BY name"
        ).map { row in
            ClusterAgent(
                name: try row["name", as: String.self],
                sites: (try? JSONDecoder().decode([String].self, from: Data(try row["sites", as: String.self].utf8)))
                    ?? [],
                address: try row["address", as: String.self],
                startedAt: Milliseconds.date(try row["started_at", as: Int64.self]),
                heartbeatAt: Milliseconds.date(try row["heartbeat_at", as: Int64.self]),
                expiresAt: Milliseconds.date(try row["expires_at", as: Int64.self]))
        }
        let leases = try await session.rows(
            "SELECT device, owner, acquired_at, expires_at FROM device_lease ORDER BY device"
        ).map(lease)
        return ClusterView(now: Milliseconds.date(now), agents: agents, leases: leases)
    }

    private static func lease(_ row: StoredRow) throws -> DeviceLease {
        DeviceLease(
            device: try row["device", as: String.self], owner: try row["owner", as: String.self],
            acquiredAt: Milliseconds.date(try row["acquired_at", as: Int64.self]),
            expiresAt: Milliseconds.date(try row["expires_at", as: Int64.self]))
    }

    private static func json(_ sites: [String]) -> String {
        (try? JSONEncoder().encode(sites)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
