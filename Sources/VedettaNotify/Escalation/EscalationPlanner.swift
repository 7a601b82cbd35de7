public import Foundation
import VedettaCore
public import VedettaIncidents
public import VedettaOnCall

/// What one step of an escalation does: whom it pages through which channels, what the timeline says, and when
/// the next step is due. Pure but for who is on call (asked of the ``OnCallDesk``), so tested with a fixed time.
public struct EscalationPlanner: Sendable {
    /// The step to write.
    public struct Plan: Sendable, Hashable {
        /// The pages, each with its recipient and step (from 1).
        public var pages: [OutboxDraft]
        /// Whom the step paged, for the timeline: `level 2: paolo via sms; ops-chat`.
        public var detail: String
        /// When the next step is due; `nil` after the last.
        public var nextAt: Date?
        /// Why the escalation stops, when `nextAt` is `nil`.
        public var stopReason: String?
    }

    /// The people, schedules, substitutions and policies.
    public let desk: OnCallDesk

    /// Creates a planner.
    public init(desk: OnCallDesk) {
        self.desk = desk
    }

    /// The plan of `escalation`'s next step, taken at `instant`: the person on call is the one on call at
    /// `instant` (after layers and substitutions), and the next step is due one wait after `instant`.
    ///
    /// A policy that is no longer configured stops the escalation; a schedule with nobody on call pages nobody
    /// for that target and says so on the timeline (the next steps still run). After the last step has waited,
    /// the plan stops the escalation and pages nobody.
    /// - Throws: ``OnCallError`` when who is on call cannot be read (the substitutions are unavailable): the step
    ///   is taken later rather than paging nobody.
    public func plan(_ escalation: EscalationState, at instant: Date) async throws(OnCallError) -> Plan {
        guard let policy = desk.roster.policy(escalation.policy) else {
            let reason = "escalation policy \(escalation.policy) is no longer configured"
            return Plan(pages: [], detail: reason, nextAt: nil, stopReason: reason)
        }
        let index = escalation.nextStep
        guard let step = policy.step(at: index) else {
            return Plan(
                pages: [], detail: "", nextAt: nil,
                stopReason: "every step ran \(policy.repeats + 1) time(s) without an acknowledgement")
        }
        var pages: [OutboxDraft] = []
        var said: [String] = []
        for target in step.targets {
            switch target {
            case .channel(let channel):
                pages.append(OutboxDraft(channel: channel, event: .opened, step: index + 1))
                said.append(channel)
            case .person(let name, let via):
                pages += via.map { OutboxDraft(channel: $0, event: .opened, recipient: name, step: index + 1) }
                said.append("\(name) via \(via.joined(separator: ", "))")
            case .schedule(let schedule, let via):
                guard let name = try await desk.onCall(schedule: schedule, at: instant).first?.person?.name else {
                    said.append("nobody is on call for \(schedule)")
                    continue
                }
                pages += via.map { OutboxDraft(channel: $0, event: .opened, recipient: name, step: index + 1) }
                said.append("\(name) (on call for \(schedule)) via \(via.joined(separator: ", "))")
            }
        }
        // The last step, too, waits for an answer before the escalation says it ran out.
        return Plan(
            pages: pages, detail: "\(policy.label(ofStep: index)): \(said.joined(separator: "; "))",
            nextAt: instant + step.wait.seconds, stopReason: nil)
    }
}
