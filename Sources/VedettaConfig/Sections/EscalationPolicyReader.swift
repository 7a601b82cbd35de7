import VedettaCore
import VedettaOnCall

/// Reads `notify.escalation_policies:` of `vedetta.yaml`:
///
/// ```yaml
/// escalation_policies:
///   - name: noc
///     repeat: 1                      # run the steps once more after the last (default 0)
///     remind_every: 30m              # then remind everyone paged until somebody acknowledges (default never)
///     hours: always                  # or business: page only in reports.business_hours
///     steps:
///       - notify: [{schedule: noc, via: [mail]}]
///         wait: 10m                  # for an acknowledgement, before the next step
///         fallback: {channel: sms, after: 2}   # a page that failed twice goes by SMS too
///       - notify: [{person: paolo, via: [sms]}, {channel: ops-chat}]
///         wait: 15m
/// ```
///
/// Schedules and people (of `oncall_dir`) and channels (of `notify:`) are checked where they are named.
struct EscalationPolicyReader {
    static let policyKeys = ["name", "description", "repeat", "remind_every", "hours", "steps"]
    static let stepKeys = ["notify", "wait", "fallback"]
    static let fallbackKeys = ["channel", "after"]
    static let targetKeys = ["schedule", "person", "channel", "via"]
    /// The longest wait of a step and the most repeats: an escalation that outlives a week helps nobody.
    static let longestWait = Duration.seconds(7 * 86_400)
    static let mostRepeats = 20

    /// The people and schedules the targets may name.
    let people: Set<String>
    let schedules: Set<String>
    /// The channels, and those among them without addressees of their own (they page only through `via`).
    let channels: Set<String>
    let pagedOnlyChannels: Set<String>
    /// Whether `reports.business_hours` is configured (`hours: business` needs it).
    let hasBusinessHours: Bool

    /// The policies of the list; duplicates are reported and left out.
    /// - Returns: The valid policies, and the name of every policy written (valid or not), so that a route naming
    ///   an invalid one is not reported twice.
    func readPolicies(_ reader: NodeReader) -> (policies: [EscalationPolicy], names: Set<String>) {
        guard let items = reader.list() else { return ([], []) }
        var names = DuplicateNames(kind: "escalation policy")
        let policies = names.readUnique(items, key: "name", readPolicy)
        return (policies, names.names)
    }

    private func readPolicy(_ reader: NodeReader) -> EscalationPolicy? {
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
            let read = items.compactMap(readStep)
            steps = read.count == items.count && !items.isEmpty ? read : nil
        }
        let remindEvery = mapping.optional("remind_every").map { reader -> Duration? in
            guard let every = reader.duration() else { return nil }
            guard every >= .seconds(60) else {
                reader.report("remind_every is at least 1m")
                return nil
            }
            return every
        }
        let hours = mapping.optional("hours").map { reader -> EscalationPolicy.Hours? in
            guard let hours = reader.choice("hours", of: EscalationPolicy.Hours.self) else { return nil }
            if hours == .business, !hasBusinessHours {
                reader.report("hours: business needs reports.business_hours (the days and hours the business works)")
                return nil
            }
            return hours
        }
        guard let name, let repeats, let steps, description != .some(nil), remindEvery != .some(nil),
            hours != .some(nil)
        else { return nil }
        return EscalationPolicy(
            name: name, description: (description ?? nil) ?? "", steps: steps, repeats: repeats,
            remindEvery: remindEvery ?? nil, hours: (hours ?? nil) ?? .always)
    }

    private func readStep(_ reader: NodeReader) -> EscalationStep? {
        guard let mapping = reader.mapping(keys: Self.stepKeys) else { return nil }
        var targets: [EscalationTarget]?
        if let notifyReader = mapping.required("notify"), let items = notifyReader.list() {
            if items.isEmpty { notifyReader.report("a step needs at least one target to notify") }
            let read = items.compactMap(readTarget)
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
        let fallback = mapping.optional("fallback").map(readFallback)
        guard let targets, let wait, fallback != .some(nil) else { return nil }
        return EscalationStep(targets: targets, wait: wait, fallback: fallback ?? nil, location: reader.location)
    }

    /// `{channel: sms, after: 2}`.
    private func readFallback(_ reader: NodeReader) -> EscalationFallback? {
        guard let mapping = reader.mapping(keys: Self.fallbackKeys) else { return nil }
        let channel = mapping.required("channel").flatMap { reader -> String? in
            guard let name = reader.name(.identifier, what: "channel name"), known(channel: name, reader) else {
                return nil
            }
            return name
        }
        var after: Int? = 2
        if let afterReader = mapping.optional("after") {
            after = afterReader.int(minimum: 1)
            if let count = after, count > 20 {
                afterReader.report("after is at most 20 failed attempts")
                after = nil
            }
        }
        guard let channel, let after else { return nil }
        return EscalationFallback(channel: channel, afterFailures: after)
    }

    /// `{schedule: S, via: [...]}`, `{person: P, via: [...]}` or `{channel: C}`.
    private func readTarget(_ reader: NodeReader) -> EscalationTarget? {
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
            guard known(channel: name, nameReader) else { return nil }
            guard !pagedOnlyChannels.contains(name) else {
                nameReader.report(
                    "channel \"\(name)\" has no addressees of its own; page people with {person: NAME, via: [\(name)]} "
                        + "or {schedule: NAME, via: [\(name)]}")
                return nil
            }
            return .channel(name)
        }
        let names = kind == "schedule" ? schedules : people
        guard names.contains(name) else {
            let section = kind == "schedule" ? "schedules:" : "people:"
            nameReader.report("\"\(name)\" is not a \(kind) under \(section) in the oncall files")
            return nil
        }
        guard let viaReader = mapping.required("via"), let via = viaReader.stringList() else { return nil }
        guard !via.isEmpty else {
            viaReader.report("via needs at least one channel that reaches a person (email, sms, slack, telegram …)")
            return nil
        }
        // Every unknown channel is reported, not only the first.
        guard via.filter({ !known(channel: $0.value, $0.reader) }).isEmpty else { return nil }
        let channels = via.map(\.value)
        return kind == "schedule" ? .schedule(name, via: channels) : .person(name, via: channels)
    }

    /// Whether `name` is a channel of `notify:`; reports it where it is written when not.
    private func known(channel name: String, _ reader: NodeReader) -> Bool {
        guard !channels.contains(name) else { return true }
        let hint =
            channels.isEmpty
            ? "no channel is configured under notify:" : "known: \(channels.sorted().joined(separator: ", "))"
        reader.report("unknown channel \"\(name)\" in an escalation policy; \(hint)")
        return false
    }
}
