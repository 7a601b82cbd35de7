public import Foundation
public import VedettaCore

/// The shared database's side of a cluster: agents' heartbeats and device leases. Every time is the database's,
/// so agents with skewed clocks still agree on who holds what.
public protocol ClusterStore: Sendable {
    /// Records a heartbeat of the agent `name` (creating its row on the first), valid for `ttl`.
    /// - Returns: The cluster after the heartbeat.
    /// - Throws: ``StoreError`` when the database cannot be written.
    func heartbeat(name: String, sites: [String], address: String, startedAt: Date, ttl: Duration)
        async throws(StoreError) -> ClusterView

    /// Changes `owner`'s leases in one transaction: renews those in `keep` it holds, takes those in `acquire` that
    /// nobody holds or whose lease lapsed, and gives up those in `release`.
    /// - Returns: Every lease `owner` holds afterwards.
    /// - Throws: ``StoreError`` when the database cannot be written.
    func updateLeases(owner: String, keep: Set<String>, acquire: Set<String>, release: Set<String>, ttl: Duration)
        async throws(StoreError) -> [DeviceLease]

    /// Removes the agent `name` and gives up its leases: a clean stop, so that others take its devices at once.
    func leaveCluster(name: String) async throws(StoreError)

    /// The cluster as it stands, for `/api/v1/cluster`.
    func clusterView() async throws(StoreError) -> ClusterView
}
