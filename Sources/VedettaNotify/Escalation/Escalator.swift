public import Foundation
public import Logging
import Metrics
public import ServiceLifecycle
import VedettaCore
public import VedettaIncidents
import VedettaOnCall

/// Takes the steps of running escalations when they are due: the pages of each step go into the outbox in the
/// transaction that moves the escalation on (``EscalationLog/advanceEscalation(incident:from:pages:detail:nextAt:stopReason:at:)``),
/// so a `kill -9` between two steps neither skips nor repeats one; the ``OutboxDispatcher`` delivers them.
///
/// It sleeps until the soonest escalation is due (at most `pollInterval`, so steps started by another agent on
/// the same database are seen), and is woken when an incident starts escalating.
public final class Escalator: Service, Sendable {
    private let store: any EscalationLog
    private let planner: EscalationPlanner
    private let pollInterval: Duration
    private let now: @Sendable () -> Date
    private let onPagesQueued: @Sendable () -> Void
    private let logger: Logger
    private let loop = WakeableLoop()

    /// Creates the escalator.
    /// - Parameters:
    ///   - store: Where escalations are kept.
    ///   - planner: What each step does.
    ///   - pollInterval: The longest sleep between two looks at the store.
    ///   - now: The wall clock (injected for tests).
    ///   - onPagesQueued: Called after a step queued pages (wakes the dispatcher).
    ///   - logger: The agent's logger.
    public init(
        store: any EscalationLog, planner: EscalationPlanner, pollInterval: Duration = .seconds(2),
        now: @escaping @Sendable () -> Date = { Date() }, onPagesQueued: @escaping @Sendable () -> Void,
        logger: Logger
    ) {
        self.store = store
        self.planner = planner
        self.pollInterval = pollInterval
        self.now = now
        self.onPagesQueued = onPagesQueued
        self.logger = logger
    }

    /// Asks the escalator to look at the store now (an incident started escalating).
    public func wake() {
        loop.wake()
    }

    /// Takes due steps until graceful shutdown; the timer sleeps until the soonest step, at most the poll interval.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.loop.run(delay: { await self.delayUntilNextStep() }, work: { await self.escalateDue() })
        }
    }

    private func delayUntilNextStep() async -> Duration {
        guard let due = try? await store.nextEscalationDue() else { return pollInterval }
        let seconds = due.timeIntervalSince(now())
        guard seconds > 0 else { return .milliseconds(50) }
        return min(pollInterval, .milliseconds(Int64((seconds * 1000).rounded(.up))))
    }

    /// Takes every step that is due now, once each.
    /// - Returns: How many steps were taken here.
    @discardableResult
    public func escalateDue() async -> Int {
        let due: [EscalationState]
        do {
            due = try await store.dueEscalations(at: now(), limit: 256)
        } catch {
            if !Task.isCancelled { logger.info("cannot read escalations", metadata: ["error": "\(error)"]) }
            return 0
        }
        var taken = 0
        for escalation in due where !Task.isCancelled {
            if await take(escalation) { taken += 1 }
        }
        return taken
    }

    private func take(_ escalation: EscalationState) async -> Bool {
        var logger = self.logger
        logger[metadataKey: "incident.id"] = "\(escalation.incidentID)"
        logger[metadataKey: "escalation.policy"] = "\(escalation.policy)"
        let instant = now()
        do {
            let plan = try await planner.plan(escalation, at: instant)
            if let until = plan.postponedUntil {
                let postponed = try await store.postponeEscalation(
                    incident: escalation.incidentID, from: escalation.nextStep, until: until, detail: plan.detail,
                    at: instant)
                if postponed {
                    logger.info("escalation step postponed", metadata: ["escalation.step": "\(plan.detail)"])
                }
                return postponed
            }
            let taken = try await store.advanceEscalation(
                incident: escalation.incidentID, from: escalation.nextStep, pages: plan.pages,
                remindEveryonePaged: plan.remindEveryonePaged, detail: plan.detail, nextAt: plan.nextAt,
                stopReason: plan.stopReason, at: instant)
            guard taken else { return false }
            let late = escalation.nextAt.map { instant.timeIntervalSince($0) } ?? 0
            Timer(label: "vedetta_escalation_step_delay_seconds").recordSeconds(max(late, 0))
            if !plan.detail.isEmpty {
                Counter(label: "vedetta_escalation_steps_total").increment()
                logger.warning(
                    "escalation step paged",
                    metadata: ["escalation.step": "\(plan.detail)", "escalation.late_ms": "\(Int(late * 1000))"])
            }
            if let reason = plan.stopReason {
                logger.notice("escalation stopped", metadata: ["escalation.reason": "\(reason)"])
            }
            if !plan.pages.isEmpty || plan.remindEveryonePaged { onPagesQueued() }
            return true
        } catch {
            logger.info("escalation step postponed", metadata: ["error": "\(error)"])
            return false
        }
    }
}
