public import Foundation

/// One entry of an incident's timeline.
public struct IncidentEvent: Sendable, Hashable, Codable {
    /// What kind of thing happened. An open set: new kinds may be added without breaking stored timelines.
    public struct Kind: Sendable, Hashable, Codable, RawRepresentable, CustomStringConvertible {
        /// The stored name, `snake_case`.
        public let rawValue: String

        /// Creates a kind from its stored name.
        ///
        /// - Parameter rawValue: The stored name, e.g. `opened`.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The alert fired and the incident was opened.
        public static let opened = Kind(rawValue: "opened")
        /// Somebody acknowledged the incident; the detail names who.
        public static let acknowledged = Kind(rawValue: "acknowledged")
        /// The alert cleared and the incident was restored.
        public static let restored = Kind(rawValue: "restored")
        /// A notification was delivered; the detail names the channel and what was notified.
        public static let notified = Kind(rawValue: "notified")
        /// A notification attempt failed; the detail names the channel and the error.
        public static let notificationFailed = Kind(rawValue: "notification_failed")
        /// The dispatcher gave up on a notification (rejected by the receiver, or retries ran out).
        public static let notificationAbandoned = Kind(rawValue: "notification_abandoned")
        /// The alert may not page; the detail says why (a maintenance window, a parent device down).
        public static let muted = Kind(rawValue: "muted")
        /// The alert pages after it opened, because its mute ended while it still fires; the detail says why.
        public static let unmuted = Kind(rawValue: "unmuted")
        /// The incident's device is down and others stand behind it; the detail lists the devices cut off
        /// ("router-milano down: 14 devices unreachable (switch 12, pbx 2): …").
        public static let impact = Kind(rawValue: "impact")
        /// The alert changes state too often: the incident stays open and its channels hear of it once.
        public static let flapping = Kind(rawValue: "flapping")
        /// A flapping alert is steady again.
        public static let settled = Kind(rawValue: "settled")
        /// Somebody added a note (``IncidentEvent/by`` says who); the detail is the note.
        public static let note = Kind(rawValue: "note")
        /// Somebody set the root-cause category; the detail is the category.
        public static let categorized = Kind(rawValue: "categorized")
        /// Somebody recorded what was done to restore service; the detail is the resolution text.
        public static let resolutionRecorded = Kind(rawValue: "resolution")
        /// Somebody linked an external ticket; the detail is its reference.
        public static let ticketLinked = Kind(rawValue: "ticket")

        /// An escalation step paged people; the detail names the step and whom (`level 2: paolo via sms`).
        public static let escalated = Kind(rawValue: "escalated")
        /// The escalation stopped: acknowledged, restored, or every step ran without an acknowledgement.
        public static let escalationStopped = Kind(rawValue: "escalation_stopped")
        /// A step of an escalation waits for business hours; the detail says until when.
        public static let escalationPostponed = Kind(rawValue: "escalation_postponed")
        /// Everyone paged is reminded of an incident nobody has acknowledged (an outbox event too).
        public static let reminder = Kind(rawValue: "reminder")
        /// The incident pages with others of its group (the detail names the group's first incident), or, on that
        /// first incident, another joined; as an outbox event, the update to everyone paged.
        public static let grouped = Kind(rawValue: "grouped")
        /// A page failed through its channel and goes through the step's fallback channel too.
        public static let notificationFallback = Kind(rawValue: "notification_fallback")

        /// The stored name.
        public var description: String { rawValue }
    }

    /// What happened.
    public var kind: Kind
    /// When it happened.
    public var at: Date
    /// A human-readable detail: who acknowledged, which channel was notified, the error, a note's text.
    public var detail: String
    /// The person who did it, for what people do (acknowledge, open or restore by hand, notes, categories);
    /// `nil` for what the agent does.
    public var by: String?

    /// Creates an event.
    ///
    /// - Parameters:
    ///   - kind: What happened.
    ///   - at: When it happened.
    ///   - detail: A human-readable detail, empty if there is nothing to add.
    ///   - by: The person who did it, `nil` for the agent.
    public init(kind: Kind, at: Date, detail: String = "", by: String? = nil) {
        self.kind = kind
        self.at = at
        self.detail = detail
        self.by = by
    }
}
