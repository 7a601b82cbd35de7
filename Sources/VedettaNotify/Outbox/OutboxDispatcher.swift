public import Foundation
public import Logging
import Metrics
public import ServiceLifecycle
import Synchronization
import VedettaCore
public import VedettaIncidents

/// Delivers the notifications waiting in the incident store's outbox, and retries the ones that fail.
///
/// The agent writes an incident change and its outbox entries in one transaction; this service then reads due
/// entries, renders each from the incident, delivers it through its channel and records the result. An entry is
/// marked delivered only after its channel accepted it, so a channel that is down loses nothing: the entry is
/// retried with backoff (``RetryPolicy``) and survives restarts. A crash between acceptance and bookkeeping can
/// repeat one delivery; it carries the same notification ID both times so receivers can drop it.
public final class OutboxDispatcher: Service, Sendable {
    private let store: any IncidentStore
    private let channels: [String: any Notifier]
    private let retryPolicy: RetryPolicy
    private let pollInterval: Duration
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let wakeups: AsyncStream<Void>
    private let wakeupContinuation: AsyncStream<Void>.Continuation

    /// Creates a dispatcher.
    /// - Parameters:
    ///   - store: The incident store holding the outbox.
    ///   - channels: The channels by name; entries naming an unknown channel are abandoned with an error.
    ///   - retryPolicy: Backoff for failed deliveries.
    ///   - pollInterval: How often to look for due retries when nothing wakes the dispatcher.
    ///   - now: The wall clock (injected for tests).
    ///   - logger: The agent's logger.
    public init(
        store: any IncidentStore,
        channels: [any Notifier],
        retryPolicy: RetryPolicy = RetryPolicy(),
        pollInterval: Duration = .seconds(1),
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger
    ) {
        self.store = store
        self.channels = Dictionary(channels.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.retryPolicy = retryPolicy
        self.pollInterval = pollInterval
        self.now = now
        self.logger = logger
        (self.wakeups, self.wakeupContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the dispatcher to look at the outbox now (called after new entries were written).
    public func wake() {
        wakeupContinuation.yield()
    }

    /// Delivers due notifications until graceful shutdown.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.loop()
        }
    }

    private func loop() async {
        await withTaskGroup(of: Void.self) { group in
            // Periodic tick so retries become due without a wake-up.
            group.addTask { [wakeupContinuation, pollInterval] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: pollInterval)
                    wakeupContinuation.yield()
                }
            }
            await self.dispatchDue()
            for await _ in wakeups {
                if Task.isCancelled { break }
                await self.dispatchDue()
            }
            group.cancelAll()
        }
    }

    /// Delivers every entry that is due now, a batch at a time, channels in parallel.
    public func dispatchDue() async {
        while !Task.isCancelled {
            let due: [OutboxEntry]
            do {
                due = try await store.dueNotifications(at: now(), limit: 64)
            } catch {
                // Shutdown cancels the read; that is not a store problem worth a log line.
                if !Task.isCancelled { logger.info("cannot read the outbox", metadata: ["error": "\(error)"]) }
                return
            }
            guard !due.isEmpty else { return }
            await withTaskGroup(of: Void.self) { group in
                for entry in due {
                    group.addTask { await self.deliver(entry) }
                }
            }
            if due.count < 64 { return }
        }
    }

    private func deliver(_ entry: OutboxEntry) async {
        var logger = self.logger
        logger[metadataKey: "incident.id"] = "\(entry.incidentID)"
        logger[metadataKey: "channel.name"] = "\(entry.channel)"
        logger[metadataKey: "notification.id"] = "\(entry.id)"
        do {
            guard let channel = channels[entry.channel] else {
                try await abandon(entry, reason: "channel \"\(entry.channel)\" is not configured", logger: logger)
                return
            }
            guard let incident = try await store.incident(id: entry.incidentID) else {
                try await abandon(entry, reason: "incident \(entry.incidentID) no longer exists", logger: logger)
                return
            }
            let message = NotificationMessage(
                notificationID: entry.id,
                event: entry.event,
                incident: incident,
                sentAt: now()
            )
            do {
                try await channel.deliver(message, logger: logger)
                try await store.markDelivered(entry.id, at: now())
                Counter(
                    label: "vedetta_notifications_total",
                    dimensions: [("channel", entry.channel), ("result", "delivered")]
                )
                .increment()
                logger.info("notification delivered", metadata: ["notification.event": "\(entry.event.rawValue)"])
            } catch let failure as DeliveryError {
                try await recordFailure(entry, failure: failure, logger: logger)
            }
        } catch {
            logger.info("outbox bookkeeping failed", metadata: ["error": "\(error)"])
        }
    }

    private func recordFailure(_ entry: OutboxEntry, failure: DeliveryError, logger: Logger) async throws {
        let attempts = entry.attempts + 1
        guard failure.isRetryable, let delay = retryPolicy.delay(afterAttempts: attempts) else {
            try await abandon(entry, reason: "\(failure.message) (after \(attempts) attempts)", logger: logger)
            return
        }
        let retryAt = now().addingTimeInterval(delay.seconds)
        try await store.markFailed(entry.id, at: now(), error: failure.message, retryAt: retryAt)
        Counter(label: "vedetta_notifications_total", dimensions: [("channel", entry.channel), ("result", "retry")])
            .increment()
        logger.info(
            "notification failed, will retry",
            metadata: ["error": "\(failure.message)", "retry.in": "\(delay.compactDescription)"]
        )
    }

    /// Gives up on an entry: it stays in the log as failed with the reason, and is never retried.
    private func abandon(_ entry: OutboxEntry, reason: String, logger: Logger) async throws {
        try await store.abandon(entry.id, at: now(), reason: reason)
        Counter(
            label: "vedetta_notifications_total", dimensions: [("channel", entry.channel), ("result", "abandoned")]
        )
        .increment()
        // A page that will never arrive is an operator problem, not a detail: warn (STYLE 2.7.6 keeps warnings
        // for the agent; the dispatcher is one of its services and the only place that knows).
        logger.warning("notification abandoned", metadata: ["error": "\(reason)"])
    }
}
