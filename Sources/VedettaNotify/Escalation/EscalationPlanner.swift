public import Foundation
import VedettaCore
public import VedettaIncidents
public import VedettaOnCall
public import VedettaReports

/// What one step of an escalation does: whom it pages through which channels, what the timeline says, and when
/// the next step is due. Pure but for who is on call (asked of the ``OnCallDesk``), so tested with a fixed time.
public struct EscalationPlanner: Sendable {
    /// The step to write.
    public struct Plan: Sendable, Hashable {
        /// The pages, each with its recipient and step (from 1).
        public var pages: [OutboxDraft]
        /// Whether everyone paged so far is reminded (the steps ran out and the policy reminds).
        public var remindEveryonePaged = false
        /// When the step is due instead, outside the policy's hours; nothing is paged now.
        public var postponedUntil: Date?
        /// Whom the step paged, for the timeline: `level 2: paolo via sms; ops-chat`.
        public var detail: String
        /// When the next step is due; `nil` after the last.
        public var nextAt: Date?
        /// Why the escalation stops, when `nextAt` is `nil`.
        public var stopReason: String?
    }

    /// The people, schedules, substitutions and policies.
    public let desk: OnCallDesk
    /// The business hours, for policies with `hours: business` (`reports.business_hours`).
    public let businessHours: BusinessCalendar?

    /// Creates a planner.
    public init(desk: OnCallDesk, businessHours: BusinessCalendar? = nil) {
        self.desk = desk
        self.businessHours = businessHours
    }

    /// The plan of `escalation`'s next step, taken at `instant`: the person on call is the one on call at
    /// `instant` (after layers and substitutions), and the next step is due one wait after `instant`.
    ///
    /// A policy that is no longer configured stops the escalation; a schedule with nobody on call pages nobody
    /// for that target and says so on the timeline (the next steps still run). After the last step has waited,
    /// the plan reminds everyone paged when the policy says `remind_every`, or else stops the escalation and pages
    /// nobody. A policy for business hours, outside them, postpones the step to the next opening.
    /// - Throws: ``OnCallError`` when who is on call cannot be read (the substitutions are unavailable): the step
    ///   is taken later rather than paging nobody.
    public func plan(_ escalation: EscalationState, at instant: Date) async throws(OnCallError) -> Plan {
        guard let policy = desk.roster.policy(escalation.policy) else {
            let reason = "escalation policy \(escalation.policy) is no longer configured"
            return Plan(pages: [], detail: reason, nextAt: nil, stopReason: reason)
        }
        if policy.hours == .business, let opening = nextBusinessOpening(after: instant), opening > instant {
            let zone = businessHours?.timeZone ?? .gmt
            return Plan(
                pages: [], postponedUntil: opening,
                detail: "outside business hours: waits until \(OnCallTime.text(opening, in: zone))", nextAt: opening,
                stopReason: nil)
        }
        let index = escalation.nextStep
        guard let step = policy.step(at: index) else {
            if let every = policy.remindEvery {
                return Plan(
                    pages: [], remindEveryonePaged: true,
                    detail:
                        "reminder: still unacknowledged; everyone paged is reminded every \(every.compactDescription)",
                    nextAt: instant + every.seconds, stopReason: nil)
            }
            return Plan(
                pages: [], detail: "", nextAt: nil,
                stopReason: "every step ran \(policy.repeats + 1) time(s) without an acknowledgement")
        }
        let fallback = step.fallback.map { OutboxFallback(channel: $0.channel, afterFailures: $0.afterFailures) }
        var pages: [OutboxDraft] = []
        var said: [String] = []
        for target in step.targets {
            switch target {
            case .channel(let channel):
                pages.append(OutboxDraft(channel: channel, event: .opened, step: index + 1, fallback: fallback))
                said.append(channel)
            case .person(let name, let via):
                pages += via.map {
                    OutboxDraft(channel: $0, event: .opened, recipient: name, step: index + 1, fallback: fallback)
                }
                said.append("\(name) via \(via.joined(separator: ", "))")
            case .schedule(let schedule, let via):
                guard let name = try await desk.onCall(schedule: schedule, at: instant).first?.person?.name else {
                    said.append("nobody is on call for \(schedule)")
                    continue
                }
                pages += via.map {
                    OutboxDraft(channel: $0, event: .opened, recipient: name, step: index + 1, fallback: fallback)
                }
                said.append("\(name) (on call for \(schedule)) via \(via.joined(separator: ", "))")
            }
        }
        // The last step, too, waits for an answer before the escalation says it ran out.
        return Plan(
            pages: pages, detail: "\(policy.label(ofStep: index)): \(said.joined(separator: "; "))",
            nextAt: instant + step.wait.seconds, stopReason: nil)
    }

    /// The start of the business hours that contain `instant` or come next (within 15 days).
    private func nextBusinessOpening(after instant: Date) -> Date? {
        guard let businessHours else { return nil }
        let from = Int64((instant.timeIntervalSince1970 * 1000).rounded(.down))
        let spans = businessHours.intervals(from: from, to: from + 15 * 86_400_000).intervals
        guard let first = spans.first else { return nil }
        return Date(timeIntervalSince1970: Double(max(first.lowerBound, from)) / 1000)
    }
}
