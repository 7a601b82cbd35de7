import Foundation
import Logging
import Metrics
import ServiceLifecycle
import VedettaCore
import VedettaIncidents

/// Deletes restored incidents older than `incidents.retention`, with their timelines and notifications: at start
/// and then every `interval`, in batches of `batchSize` (each its own short transaction, with a pause between
/// them), so the agent's own writes never wait long behind a purge. Open incidents are never deleted.
/// Publishes `vedetta_incidents_purged_total`.
actor IncidentRetention: Service {
    private let store: any IncidentRecords
    private let retention: Duration
    private let interval: Duration
    private let batchSize: Int
    private let logger: Logger
    private let now: @Sendable () -> Date

    init(
        store: any IncidentRecords, retention: Duration, interval: Duration = .seconds(3600), batchSize: Int = 500,
        logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.retention = retention
        self.interval = interval
        self.batchSize = batchSize
        self.logger = logger
        self.now = now
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.purge()
                try? await Task.sleep(for: self.interval)
            }
        }
    }

    /// Purges everything restored before now less the retention, batch by batch.
    /// - Returns: How many incidents were deleted.
    @discardableResult
    func purge() async -> Int {
        let cutoff = now().addingTimeInterval(-retention.seconds)
        var total = 0
        while !Task.isCancelled {
            let deleted: Int
            do {
                deleted = try await store.purge(restoredBefore: cutoff, batchSize: batchSize)
            } catch {
                logger.warning("cannot purge old incidents; trying again later", metadata: ["error": "\(error)"])
                break
            }
            total += deleted
            Counter(label: "vedetta_incidents_purged_total").increment(by: deleted)
            if deleted < batchSize { break }
            try? await Task.sleep(for: .milliseconds(20))
        }
        if total > 0 {
            logger.info(
                "old incidents purged",
                metadata: ["incidents": "\(total)", "incidents.restored_before": "\(cutoff.iso8601Milliseconds)"])
        }
        return total
    }
}
