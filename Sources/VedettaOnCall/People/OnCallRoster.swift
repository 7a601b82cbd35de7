/// The people and schedules of `oncall/*.yaml`, with every reference checked: each participant is a person.
public struct OnCallRoster: Sendable, Hashable {
    /// The people, in file order.
    public let people: [Person]
    /// The schedules, in file order.
    public let schedules: [OnCallSchedule]
    private let peopleByName: [String: Person]
    private let schedulesByName: [String: OnCallSchedule]

    /// Creates a roster; later duplicates of a name are ignored (the configuration reports them).
    public init(people: [Person] = [], schedules: [OnCallSchedule] = []) {
        self.people = people
        self.schedules = schedules
        peopleByName = Dictionary(people.map { ($0.name, $0) }) { first, _ in first }
        schedulesByName = Dictionary(schedules.map { ($0.name, $0) }) { first, _ in first }
    }

    /// The person with short name `name`.
    public func person(_ name: String) -> Person? { peopleByName[name] }

    /// The schedule named `name`.
    public func schedule(_ name: String) -> OnCallSchedule? { schedulesByName[name] }

    /// Whether there is nothing configured.
    public var isEmpty: Bool { people.isEmpty && schedules.isEmpty }
}
