public import Foundation
public import Logging
import Metrics
public import ServiceLifecycle
import Synchronization
import VedettaCore
public import VedettaIncidents
public import VedettaOnCall

/// Delivers the notifications waiting in the incident store's outbox, and retries the ones that fail.
///
/// The agent writes an incident change and its outbox entries in one transaction; this service then claims due
/// entries (``OutboxQueue/claimDue(by:at:lease:limit:)``), renders each from the incident, delivers it through its
/// channel and records the result under its claim. An entry is marked delivered only after its channel accepted
/// it, so a channel that is down loses nothing: the entry is retried with backoff (``RetryPolicy``) and survives
/// restarts.
///
/// - **In order**: the entries of one incident and channel are delivered in the order they were queued (the
///   queue hands out only the oldest pending one), so RESTORED never overtakes an OPENED that is being retried.
///   Different incidents and channels are delivered in parallel.
/// - **Once, with several dispatchers**: two agent processes on one database claim disjoint entries, so neither
///   sends what the other sends. A crash between acceptance and bookkeeping can repeat one delivery (after the
///   claim's lease runs out); it carries the same notification ID both times so receivers can drop it.
public final class OutboxDispatcher: Service, Sendable {
    /// Who this dispatcher is in claims: host name, process ID and a random part.
    public let owner: String
    private let store: any OutboxQueue & IncidentLog & EscalationLog
    /// The channels by name and the roster: replaced together by a configuration reload.
    private let addressees: Mutex<(channels: [String: any Notifier], roster: OnCallRoster)>
    private let acknowledgeURL: @Sendable (_ incident: Int64, _ person: String?) -> String?
    private let lease: Duration
    private let retryPolicy: RetryPolicy
    private let pollInterval: Duration
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let loop = WakeableLoop()

    /// Creates a dispatcher.
    /// - Parameters:
    ///   - store: The incident store holding the outbox.
    ///   - channels: The channels, with unique names (the configuration guarantees it); entries naming an unknown
    ///     channel are abandoned with an error.
    ///   - roster: The people pages are addressed to (an entry naming nobody known is abandoned) and the
    ///     escalation policies, for the level a page shows.
    ///   - acknowledgeURL: The signed link that acknowledges an incident as a person (or anyone), or `nil` when
    ///     the agent has no public address.
    ///   - retryPolicy: Backoff for failed deliveries.
    ///   - lease: How long a claim holds: longer than any channel's delivery attempt can take.
    ///   - pollInterval: How often to look for due retries when nothing wakes the dispatcher.
    ///   - owner: The claim owner; by default unique to this process and dispatcher.
    ///   - now: The wall clock (injected for tests).
    ///   - logger: The agent's logger.
    public init(
        store: any OutboxQueue & IncidentLog & EscalationLog,
        channels: [any Notifier],
        roster: OnCallRoster = OnCallRoster(),
        acknowledgeURL: @escaping @Sendable (_ incident: Int64, _ person: String?) -> String? = { _, _ in nil },
        retryPolicy: RetryPolicy = RetryPolicy(),
        lease: Duration = .seconds(300),
        pollInterval: Duration = .seconds(1),
        owner: String = OutboxDispatcher.makeOwner(),
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger
    ) {
        self.owner = owner
        self.store = store
        self.lease = lease
        self.addressees = Mutex((Self.byName(channels), roster))
        self.acknowledgeURL = acknowledgeURL
        self.retryPolicy = retryPolicy
        self.pollInterval = pollInterval
        self.now = now
        self.logger = logger
    }

    /// Takes the channels and roster of a reloaded configuration. A delivery under way finishes through the channel
    /// it started with; the next ones use the new channels. Entries naming a channel that is gone are abandoned with
    /// an error, as at start.
    /// - Parameters:
    ///   - channels: The channels, with unique names.
    ///   - roster: The people and escalation policies.
    public func reconfigure(channels: [any Notifier], roster: OnCallRoster) {
        let channels = Self.byName(channels)
        addressees.withLock { $0 = (channels, roster) }
        loop.wake()
    }

    private static func byName(_ channels: [any Notifier]) -> [String: any Notifier] {
        Dictionary(channels.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Asks the dispatcher to look at the outbox now (called after new entries were written).
    public func wake() {
        loop.wake()
    }

    /// Delivers due notifications until graceful shutdown; a periodic tick makes retries due without a wake-up.
    public func run() async throws {
        await cancelWhenGracefulShutdown { [pollInterval] in
            await self.loop.run(delay: { pollInterval }, work: { await self.dispatchDue() })
        }
    }

    /// A claim owner unique to this process and dispatcher: `host/pid/random`.
    public static func makeOwner() -> String {
        let process = ProcessInfo.processInfo
        return "\(process.hostName)/\(process.processIdentifier)/\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Claims and delivers every entry that is due now, a batch at a time, chains in parallel, until nothing is
    /// due: a delivered entry makes the next one of its chain due at once.
    public func dispatchDue() async {
        while !Task.isCancelled {
            let claimed: [OutboxEntry]
            do {
                claimed = try await store.claimDue(by: owner, at: now(), lease: lease, limit: 64)
            } catch {
                // Shutdown cancels the read; that is not a store problem worth a log line.
                if !Task.isCancelled { logger.info("cannot read the outbox", metadata: ["error": "\(error)"]) }
                return
            }
            guard !claimed.isEmpty else { return }
            await withTaskGroup(of: Void.self) { group in
                for entry in claimed {
                    group.addTask { await self.deliver(entry) }
                }
            }
        }
    }

    private func deliver(_ entry: OutboxEntry) async {
        var logger = self.logger
        logger[metadataKey: "incident.id"] = "\(entry.incidentID)"
        logger[metadataKey: "channel.name"] = "\(entry.channel)"
        logger[metadataKey: "notification.id"] = "\(entry.id)"
        let (channels, roster) = addressees.withLock { $0 }
        do {
            guard let channel = channels[entry.channel] else {
                try await abandon(entry, reason: "channel \"\(entry.channel)\" is not configured", logger: logger)
                return
            }
            guard let incident = try await store.incident(id: entry.incidentID) else {
                try await abandon(entry, reason: "incident \(entry.incidentID) no longer exists", logger: logger)
                return
            }
            var message = NotificationMessage(
                notificationID: entry.id, event: entry.event, incident: incident, sentAt: now(),
                acknowledgeURL: acknowledgeURL(incident.id, entry.recipient))
            if let name = entry.recipient {
                guard let person = roster.person(name) else {
                    try await abandon(entry, reason: "\(name) is no longer a person of oncall_dir", logger: logger)
                    return
                }
                message.recipient = person
            }
            if entry.step > 0 {
                message.group = try await store.escalationGroup(of: incident.id).filter { $0.id != incident.id }
            }
            if entry.step > 0, entry.event == .opened {
                let policy = try await store.escalation(incident: incident.id).flatMap { roster.policy($0.policy) }
                message.escalationLevel = policy.map { EscalationLevel(step: entry.step - 1, of: $0.steps.count) }
            }
            do {
                try await channel.deliver(message, logger: logger)
                try await store.markDelivered(entry.id, by: owner, at: now())
                Counter(
                    label: "vedetta_notifications_total",
                    dimensions: [("channel", entry.channel), ("result", "delivered")]
                )
                .increment()
                logger.info(
                    "notification delivered",
                    metadata: [
                        "notification.event": "\(entry.event.rawValue)",
                        "notification.recipient": "\(entry.recipient ?? "-")",
                    ])
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
        try await store.markFailed(entry.id, by: owner, at: now(), error: failure.message, retryAt: retryAt)
        Counter(label: "vedetta_notifications_total", dimensions: [("channel", entry.channel), ("result", "retry")])
            .increment()
        logger.info(
            "notification failed, will retry",
            metadata: ["error": "\(failure.message)", "retry.in": "\(delay.compactDescription)"]
        )
    }

    /// Gives up on an entry: it stays in the log as failed with the reason, and is never retried.
    private func abandon(_ entry: OutboxEntry, reason: String, logger: Logger) async throws {
        try await store.abandon(entry.id, by: owner, at: now(), reason: reason)
        Counter(
            label: "vedetta_notifications_total", dimensions: [("channel", entry.channel), ("result", "abandoned")]
        )
        .increment()
        // A page that will never arrive is an operator problem, not a detail: warn (STYLE 2.7.6 keeps warnings
        // for the agent; the dispatcher is one of its services and the only place that knows).
        logger.warning("notification abandoned", metadata: ["error": "\(reason)"])
    }
}
