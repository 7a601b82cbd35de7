public import VedettaCore

/// Who is paged, in what order, until somebody acknowledges: the `escalation_policies:` of `oncall_dir`.
///
/// Each step pages its targets, then waits ``EscalationStep/wait`` for an acknowledgement before the next step.
/// After the last step the policy starts again from the first, ``repeats`` times. Then, with ``remindEvery``,
/// everyone paged is reminded at that interval until somebody acknowledges; without it the escalation stops, and
/// the incident stays open, unacknowledged, for the console and the reports to show. A policy for
/// ``Hours/business`` pages only in business hours: a step due outside them waits for the next opening.
public struct EscalationPolicy: Sendable, Hashable {
    /// The policy's name, which routes refer to.
    public var name: String
    /// What the policy is for, for people reading the configuration and the API.
    public var description: String
    /// The steps, in order; at least one.
    public var steps: [EscalationStep]
    /// How many times the steps run again after the last one (`repeat:`, 0 = once through).
    public var repeats: Int
    /// How often everyone paged is reminded once the steps ran out (`remind_every:`); `nil` for never.
    public var remindEvery: Duration?
    /// When the policy pages (`hours:`).
    public var hours: Hours

    /// When a policy pages.
    public enum Hours: String, Sendable, Hashable, CaseIterable {
        /// Day and night.
        case always
        /// Only in the business hours of `reports.business_hours` (holidays included): a step due outside them
        /// waits for the next opening. For warnings that can wait for the morning.
        case business
    }

    /// Creates a policy.
    public init(
        name: String, description: String = "", steps: [EscalationStep], repeats: Int = 0,
        remindEvery: Duration? = nil, hours: Hours = .always
    ) {
        self.name = name
        self.description = description
        self.steps = steps
        self.repeats = repeats
        self.remindEvery = remindEvery
        self.hours = hours
    }

    /// How many steps the policy runs in all: every step, once more per repeat.
    public var totalSteps: Int { steps.count * (repeats + 1) }

    /// The step at position `index` of the whole run (repeats counted), or `nil` past the end.
    /// - Parameter index: 0 for the first step of the first round, `steps.count` for the first of the second.
    public func step(at index: Int) -> EscalationStep? {
        guard index >= 0, index < totalSteps, !steps.isEmpty else { return nil }
        return steps[index % steps.count]
    }

    /// `level 2`, or `level 1, round 2` once the policy repeats: how the timeline and the messages name a step.
    public func label(ofStep index: Int) -> String {
        let level = steps.isEmpty ? 1 : index % steps.count + 1
        let round = steps.isEmpty ? 1 : index / steps.count + 1
        return round == 1 ? "level \(level)" : "level \(level), round \(round)"
    }
}

/// One step of an ``EscalationPolicy``: whom it pages and how long it waits for an acknowledgement.
public struct EscalationStep: Sendable, Hashable {
    /// Whom the step pages; at least one.
    public var targets: [EscalationTarget]
    /// How long to wait for an acknowledgement before the next step.
    public var wait: Duration
    /// The channel that pages the same person when a page of the step failed (`fallback:`), if any.
    public var fallback: EscalationFallback?
    /// Where the step is written, for messages about it.
    public var location: SourceLocation

    /// Creates a step.
    public init(
        targets: [EscalationTarget], wait: Duration, fallback: EscalationFallback? = nil, location: SourceLocation
    ) {
        self.targets = targets
        self.wait = wait
        self.fallback = fallback
        self.location = location
    }
}

/// A step's `fallback: {channel: sms, after: 2}`: when a page of the step fails `afterFailures` times through its
/// channel (or is given up at once, e.g. the person has no e-mail address), the same person is paged through
/// `channel`, once.
public struct EscalationFallback: Sendable, Hashable {
    /// The channel to page through instead.
    public var channel: String
    /// After how many failed attempts (at least 1).
    public var afterFailures: Int

    /// Creates a fallback.
    public init(channel: String, afterFailures: Int = 2) {
        self.channel = channel
        self.afterFailures = afterFailures
    }
}

/// Whom a step pages.
public enum EscalationTarget: Sendable, Hashable {
    /// The person on call for the schedule when the step runs, through the channels `via` (in order: each one
    /// gets the page).
    case schedule(String, via: [String])
    /// A named person, through the channels `via`.
    case person(String, via: [String])
    /// A channel as it is configured (a team's chat room, a webhook): its own addressees.
    case channel(String)

    /// The channels the target uses.
    public var channels: [String] {
        switch self {
        case .schedule(_, let via), .person(_, let via): via
        case .channel(let name): [name]
        }
    }
}
