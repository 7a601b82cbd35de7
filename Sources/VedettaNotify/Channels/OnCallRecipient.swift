import Foundation
import VedettaConfig
public import VedettaCore
import VedettaIncidents
import VedettaOnCall

/// A channel's `oncall: SCHEDULE`: it pages the person on call for the schedule when the incident began (after
/// the layers and the substitutions), so the opening and the restoration reach the same person, even if a
/// hand-off falls between them.
public struct OnCallRecipient: Sendable, Hashable {
    /// The schedule.
    public var schedule: String
    /// Where `oncall:` is written, for the loader's check.
    public var location: SourceLocation

    /// Reads `oncall:` of `mapping`; `.some(nil)` when absent, `nil` after a problem.
    static func read(_ mapping: MappingReader) -> OnCallRecipient?? {
        guard let reader = mapping.optional("oncall") else { return .some(nil) }
        guard let name = reader.name(.identifier, what: "schedule name") else { return nil }
        return .some(OnCallRecipient(schedule: name, location: reader.location))
    }

    /// The person `message` goes to on a channel that reaches people: the one an escalation pages, or else the
    /// person on call for `oncall`'s schedule; `nil` for a channel with fixed addressees.
    /// - Returns: The person, and how to name their role in an error (`on call for noc`).
    /// - Throws: ``DeliveryError`` (not retryable) for a message without a person on a channel that pages only
    ///   people (`pagesOnlyPeople`), or when who is on call cannot be found.
    static func addressee(
        of message: NotificationMessage, oncall: OnCallRecipient?, desk: OnCallDesk?, channel: String,
        pagesOnlyPeople: Bool
    ) async throws(DeliveryError) -> (person: Person, role: String)? {
        if let recipient = message.recipient { return (recipient, "paged by the escalation") }
        if pagesOnlyPeople {
            throw DeliveryError(
                channel: channel, message: "the channel has no to: and pages only the people of escalation policies",
                isRetryable: false)
        }
        guard let oncall else { return nil }
        return (try await oncall.person(for: message, desk: desk, channel: channel), "on call for \(oncall.schedule)")
    }

    /// The person on call for ``schedule`` when `message`'s incident was detected.
    /// - Throws: ``DeliveryError``: retryable when the substitutions cannot be read; not retryable when there is
    ///   no roster or nobody is on call then (the outbox abandons the page and logs a warning).
    func person(for message: NotificationMessage, desk: OnCallDesk?, channel: String) async throws(DeliveryError)
        -> Person
    {
        guard let desk else {
            throw DeliveryError(
                channel: channel, message: "no on-call roster to find \(schedule)'s person", isRetryable: false)
        }
        let answers: [OnCallNow]
        do {
            answers = try await desk.onCall(schedule: schedule, at: message.incident.detectedAt)
        } catch {
            throw DeliveryError(
                channel: channel, message: "who is on call for \(schedule): \(error)",
                isRetryable: error.code == .unavailable)
        }
        guard let person = answers.first?.person else {
            let when = OnCallTime.text(message.incident.detectedAt, in: answers.first?.schedule.zone ?? .gmt)
            throw DeliveryError(
                channel: channel, message: "nobody is on call for \(schedule) at \(when)", isRetryable: false)
        }
        return person
    }
}
