import VedettaCore
import VedettaOnCall

/// Reads `escalation_policies:` of the files of `oncall_dir`:
///
/// ```yaml
/// escalation_policies:
///   - name: noc
///     repeat: 1                      # run the steps once more after the last (default 0)
///     steps:
///       - notify: [{schedule: noc, via: [mail]}]
///         wait: 10m                  # for an acknowledgement, before the next step
///       - notify: [{person: paolo, via: [sms]}, {channel: ops-chat}]
///         wait: 15m
/// ```
///
/// Schedules and people are checked here; the channels (`via`, `channel`) are defined under `notify:` and are
/// checked once it is read, through ``channelReferences``.
struct EscalationPolicyReader {
    static let policyKeys = ["name", "description", "repeat", "steps"]
    static let stepKeys = ["notify", "wait"]
    static let targetKeys = ["schedule", "person", "channel", "via"]
    /// The longest wait of a step and the most repeats: an escalation that outlives a week helps nobody.
    static let longestWait = Duration.seconds(7 * 86_400)
    static let mostRepeats = 20

    /// The people and schedules the targets may name.
    let people: Set<String>
    let schedules: Set<String>
    /// Every channel a policy names, with where, for the check against `notify:`.
    private(set) var channelReferences: [(name: String, location: SourceLocation)] = []

    init(people: Set<String>, schedules: Set<String>) {
        self.people = people
        self.schedules = schedules
    }

    /// The policies of one file (its root mapping); duplicates (across files) are reported and left out.
    mutating func readPolicies(_ file: MappingReader, names: inout DuplicateNames) -> [EscalationPolicy] {
        guard let items = file.optional("escalation_policies")?.list() else { return [] }
        var references: [(name: String, location: SourceLocation)] = []
        let policies = names.readUnique(items, key: "name") { readPolicy($0, references: &references) }
        channelReferences += references
        return policies
    }

    private func readPolicy(_ reader: NodeReader, references: inout [(name: String, location: SourceLocation)])
        -> EscalationPolicy?
    {
        guard let mapping = reader.mapping(keys: Self.policyKeys) else { return nil }
        let name = mapping.required("name")?.name(.identifier, what: "escalation policy name")
        let description = mapping.optional("description").map { $0.string() }
        var repeats: Int? = 0
        if let repeatReader = mapping.optional("repeat") {
            repeats = repeatReader.int(minimum: 0)
            if let count = repeats, count > Self.mostRepeats {
                repeatReader.report("repeat is at most \(Self.mostRepeats)")
                repeats = nil
            }
        }
        var steps: [EscalationStep]?
        if let stepsReader = mapping.required("steps"), let items = stepsReader.list() {
            if items.isEmpty { stepsReader.report("an escalation policy needs at least one step") }
            let read = items.compactMap { readStep($0, references: &references) }
            steps = read.count == items.count && !items.isEmpty ? read : nil
        }
        guard let name, let repeats, let steps, description != .some(nil) else { return nil }
        return EscalationPolicy(name: name, description: (description ?? nil) ?? "", steps: steps, repeats: repeats)
    }

    private func readStep(_ reader: NodeReader, references: inout [(name: String, location: SourceLocation)])
        -> EscalationStep?
    {
        guard let mapping = reader.mapping(keys: Self.stepKeys) else { return nil }
        var targets: [EscalationTarget]?
        if let notifyReader = mapping.required("notify"), let items = notifyReader.list() {
            if items.isEmpty { notifyReader.report("a step needs at least one target to notify") }
            let read = items.compactMap { readTarget($0, references: &references) }
            targets = read.count == items.count && !items.isEmpty ? read : nil
        }
        let wait = mapping.required("wait").flatMap { waitReader -> Duration? in
            guard let wait = waitReader.duration() else { return nil }
            guard wait <= Self.longestWait else {
                waitReader.report("a step waits at most 7d for an acknowledgement")
                return nil
            }
            return wait
        }
        guard let targets, let wait else { return nil }
        return EscalationStep(targets: targets, wait: wait, location: reader.location)
    }

    /// `{schedule: S, via: [...]}`, `{person: P, via: [...]}` or `{channel: C}`.
    private func readTarget(_ reader: NodeReader, references: inout [(name: String, location: SourceLocation)])
        -> EscalationTarget?
    {
        guard let mapping = reader.mapping(keys: Self.targetKeys) else { return nil }
        let given = ["schedule", "person", "channel"].filter { mapping.optional($0) != nil }
        guard given.count == 1, let kind = given.first, let nameReader = mapping.optional(kind) else {
            reader.report("a target names exactly one of schedule, person or channel")
            return nil
        }
        guard let name = nameReader.name(.identifier, what: "\(kind) name") else { return nil }
        if kind == "channel" {
            if let via = mapping.optional("via") {
                via.report("a channel target pages the channel's own addressees; via is for schedule and person")
                return nil
            }
            references.append((name, nameReader.location))
            return .channel(name)
        }
        let known = kind == "schedule" ? schedules : people
        guard known.contains(name) else {
            let section = kind == "schedule" ? "schedules:" : "people:"
            nameReader.report("\"\(name)\" is not a \(kind) under \(section) in the oncall files")
            return nil
        }
        guard let viaReader = mapping.required("via"), let via = viaReader.stringList() else { return nil }
        guard !via.isEmpty else {
            viaReader.report("via needs at least one channel that reaches a person (email, sms, slack, telegram …)")
            return nil
        }
        references += via.map { ($0.value, $0.reader.location) }
        let channels = via.map(\.value)
        return kind == "schedule" ? .schedule(name, via: channels) : .person(name, via: channels)
    }
}
