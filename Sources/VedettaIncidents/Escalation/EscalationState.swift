public import Foundation

/// Where an incident's escalation stands, as stored: the durable timer that survives a `kill -9`.
///
/// It belongs to the first incident of its group (an incident alone is a group of one). A route's escalation
/// policy starts it when the incident pages (at the opening, or when its mute ends). Each
/// step is taken in one transaction with its pages (``EscalationLog/advanceEscalation(incident:from:pages:remindEveryonePaged:detail:nextAt:stopReason:at:)``),
/// so a crash between two steps neither skips nor repeats one.
public struct EscalationState: Sendable, Hashable {
    /// The incident.
    public var incidentID: Int64
    /// The policy's name (from `oncall_dir`).
    public var policy: String
    /// The next step to take, counting repeats (0 for the first step of the first round).
    public var nextStep: Int
    /// When the next step is due; `nil` once the escalation stopped.
    public var nextAt: Date?
    /// When the escalation started.
    public var startedAt: Date
    /// When it stopped, if it did.
    public var stoppedAt: Date?
    /// Why it stopped: `acknowledged by marco`, `restored`, `every step ran without an acknowledgement`.
    public var stopReason: String?
    /// The key of the group it pages for (``EscalationStart/groupKey``), `nil` for one incident alone.
    public var groupKey: String?

    /// Creates a state.
    public init(
        incidentID: Int64, policy: String, nextStep: Int, nextAt: Date?, startedAt: Date, stoppedAt: Date? = nil,
        stopReason: String? = nil, groupKey: String? = nil
    ) {
        self.incidentID = incidentID
        self.policy = policy
        self.nextStep = nextStep
        self.nextAt = nextAt
        self.startedAt = startedAt
        self.stoppedAt = stoppedAt
        self.stopReason = stopReason
        self.groupKey = groupKey
    }

    /// Whether steps are still to come.
    public var isRunning: Bool { nextAt != nil }
}
