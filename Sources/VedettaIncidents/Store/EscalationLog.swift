public import Foundation
public import VedettaCore

/// The durable side of escalation: which incidents escalate, which step comes next and when.
///
/// Incidents of one policy and group key page as one group: the group's escalation belongs to its first incident,
/// the others join it (``EscalationStart``). An escalation starts in the transaction that makes its incident page (``IncidentLog/open(_:at:notify:escalation:)``,
/// ``IncidentLog/notifyOpenIncident(fingerprint:at:notify:detail:escalation:)``). An acknowledgement stops it and
/// withdraws the pages not yet handed to a channel; the restoration of the group's last open incident stops it and
/// tells everyone who was paged.
/// Several agents on one database may look at the same due escalation: only one of them takes each step.
public protocol EscalationLog: Sendable {
    /// The running escalations due at `at` whose incident is neither acknowledged nor restored, soonest first.
    ///
    /// - Parameters:
    ///   - at: The current time.
    ///   - limit: The most to return.
    /// - Returns: The due escalations.
    /// - Throws: ``StoreError`` when the database cannot be read.
    func dueEscalations(at: Date, limit: Int) async throws(StoreError) -> [EscalationState]

    /// When the soonest running escalation is due, or `nil` when none runs (so the escalator sleeps until then).
    ///
    /// - Throws: ``StoreError`` when the database cannot be read.
    func nextEscalationDue() async throws(StoreError) -> Date?

    /// Takes step `step` of incident `incident`'s escalation, in one transaction: queues `pages` (and, with
    /// `remindEveryonePaged`, a ``IncidentEvent/Kind/reminder`` for everyone the escalation paged, through each
    /// channel that paged them), adds an ``IncidentEvent/Kind/escalated`` event with `detail` (none when it is
    /// empty), and moves the escalation to the next step due at `nextAt`, or stops it with `stopReason` when
    /// `nextAt` is `nil`. Nothing is written when the escalation is no longer at `step` (another agent took it),
    /// has stopped, or its incident was acknowledged or restored.
    ///
    /// - Parameters:
    ///   - incident: The incident.
    ///   - step: The step to take; the escalation must be at it.
    ///   - pages: The notifications of the step, each with its recipient and `step`.
    ///   - remindEveryonePaged: Whether to remind everyone paged so far.
    ///   - detail: Whom the step paged, for the timeline.
    ///   - nextAt: When the next step is due; `nil` when this was the last.
    ///   - stopReason: Why it stops, when `nextAt` is `nil`.
    ///   - at: When the step is taken.
    /// - Returns: Whether the step was taken here.
    /// - Throws: ``StoreError`` when the database cannot be read or written.
    func advanceEscalation(
        incident: Int64, from step: Int, pages: [OutboxDraft], remindEveryonePaged: Bool, detail: String,
        nextAt: Date?, stopReason: String?, at: Date
    ) async throws(StoreError) -> Bool

    /// Postpones step `step` of incident `incident`'s escalation to `until` (a policy for business hours, outside
    /// them), adding an ``IncidentEvent/Kind/escalationPostponed`` event with `detail` the first time. Nothing is
    /// written when the escalation is no longer at `step`, has stopped, or its incident was acknowledged or
    /// restored.
    ///
    /// - Returns: Whether the step was postponed here.
    /// - Throws: ``StoreError`` when the database cannot be read or written.
    func postponeEscalation(incident: Int64, from step: Int, until: Date, detail: String, at: Date)
        async throws(StoreError) -> Bool

    /// The incidents of the group `incident` leads (itself first), in the order they joined; empty when it leads
    /// none. The pages of a group's escalation list them.
    ///
    /// - Throws: ``StoreError`` when the database cannot be read.
    func escalationGroup(of incident: Int64) async throws(StoreError) -> [Incident]

    /// The escalation of incident `incident`, running or stopped, or `nil` when it has none.
    ///
    /// - Throws: ``StoreError`` when the database cannot be read.
    func escalation(incident: Int64) async throws(StoreError) -> EscalationState?
}
