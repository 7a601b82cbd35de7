/// The people and schedules of `oncall/*.yaml`, with every reference checked: each participant is a person.
public struct OnCallRoster: Sendable, Hashable {
    /// The people, in file order.
    public let people: [Person]
    /// The schedules, in file order.
    public let schedules: [OnCallSchedule]
    /// The escalation policies, in file order.
    public let policies: [EscalationPolicy]
    private let peopleByName: [String: Person]
    private let schedulesByName: [String: OnCallSchedule]

    /// Creates a roster; later duplicates of a name are ignored (the configuration reports them).
    public init(people: [Person] = [], schedules: [OnCallSchedule] = [], policies: [EscalationPolicy] = []) {
        self.people = people
        self.schedules = schedules
        self.policies = policies
        peopleByName = Dictionary(people.map { ($0.name, $0) }) { first, _ in first }
        schedulesByName = Dictionary(schedules.map { ($0.name, $0) }) { first, _ in first }
    }

    /// The person with short name `name`.
    public func person(_ name: String) -> Person? { peopleByName[name] }

    /// The schedule named `name`.
    public func schedule(_ name: String) -> OnCallSchedule? { schedulesByName[name] }

    /// The escalation policy named `name`.
    public func policy(_ name: String) -> EscalationPolicy? { policies.first { $0.name == name } }

    /// Whether there is nothing configured.
    public var isEmpty: Bool { people.isEmpty && schedules.isEmpty && policies.isEmpty }
}
