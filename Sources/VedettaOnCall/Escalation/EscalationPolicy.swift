public import VedettaCore

/// Who is paged, in what order, until somebody acknowledges: the `escalation_policies:` of `oncall_dir`.
///
/// Each step pages its targets, then waits ``EscalationStep/wait`` for an acknowledgement before the next step.
/// After the last step the policy starts again from the first, ``repeats`` times; then it stops, and the incident
/// stays open, unacknowledged, for the console and the reports to show.
public struct EscalationPolicy: Sendable, Hashable {
    /// The policy's name, which routes refer to.
    public var name: String
    /// What the policy is for, for people reading the configuration and the API.
    public var description: String
    /// The steps, in order; at least one.
    public var steps: [EscalationStep]
    /// How many times the steps run again after the last one (`repeat:`, 0 = once through).
    public var repeats: Int

    /// Creates a policy.
    public init(name: String, description: String = "", steps: [EscalationStep], repeats: Int = 0) {
        self.name = name
        self.description = description
        self.steps = steps
        self.repeats = repeats
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
    /// Where the step is written, for messages about it.
    public var location: SourceLocation

    /// Creates a step.
    public init(targets: [EscalationTarget], wait: Duration, location: SourceLocation) {
        self.targets = targets
        self.wait = wait
        self.location = location
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
