import VedettaCore
import VedettaOnCall
import VedettaRules
import Yams

/// Reads `notify:` of `vedetta.yaml`: one list per channel kind (`webhooks:`), each item through its kind's
/// ``ChannelReader``, the escalation policies (``EscalationPolicyReader``) and the routes. Channel names are unique
/// across every kind: a second channel of the same name is reported at its definition, naming the first.
struct NotifyReader {
    /// What `notify:` holds.
    struct Section {
        /// The channels, in file order (kinds in the order they are registered).
        var channels: [ChannelConfiguration]
        /// The routes (`routes:`), `nil` when absent: every alert goes to every channel.
        var routes: [NotificationRoute]?
        /// The escalation policies (`escalation_policies:`).
        var policies: [EscalationPolicy]
    }

    /// The channel kinds.
    let kinds: [any ChannelReader]
    /// The people and schedules of `oncall_dir`, which policies name.
    let roster: OnCallRoster
    /// Whether `reports.business_hours` is configured (for policies with `hours: business`).
    let hasBusinessHours: Bool

    /// The channels, policies and routes.
    func read(_ reader: NodeReader) -> Section {
        guard let mapping = reader.mapping(keys: kinds.map(\.key) + ["escalation_policies", "routes"]) else {
            return Section(channels: [], routes: nil, policies: [])
        }
        let channels = readChannels(mapping)
        let pagedOnly = Set(channels.filter(\.settings.reachesOnlyPagedPeople).map(\.name))
        let policyReader = EscalationPolicyReader(
            people: Set(roster.people.map(\.name)), schedules: Set(roster.schedules.map(\.name)),
            channels: Set(channels.map(\.name)), pagedOnlyChannels: pagedOnly, hasBusinessHours: hasBusinessHours)
        let (policies, policyNames) = mapping.optional("escalation_policies").map(policyReader.readPolicies) ?? ([], [])
        let routes = mapping.optional("routes").map {
            readRoutes(
                $0, channels: Set(channels.map(\.name)), pagedOnlyChannels: pagedOnly, policies: policyNames)
        }
        return Section(channels: channels, routes: routes, policies: policies)
    }

    private func readChannels(_ mapping: MappingReader) -> [ChannelConfiguration] {
        var names = DuplicateNames(kind: "channel")
        var channels: [ChannelConfiguration] = []
        for kind in kinds {
            guard let items = mapping.optional(kind.key)?.list() else { continue }
            for item in items {
                let isFirst = names.register(item, key: "name")
                guard let settings = kind.readChannel(item), isFirst else { continue }
                channels.append(ChannelConfiguration(kind: kind.key, settings: settings, location: item.location))
            }
        }
        return channels
    }

    /// `routes:`: each `{match, channels, escalation, continue}`; the last one must match every alert (no `match`).
    private func readRoutes(
        _ reader: NodeReader, channels: Set<String>, pagedOnlyChannels: Set<String>, policies: Set<String>
    ) -> [NotificationRoute] {
        guard let items = reader.list() else { return [] }
        let routes = items.compactMap { item -> NotificationRoute? in
            guard
                let mapping = item.mapping(
                    keys: ["match", "channels", "escalation", "group_by", "group_wait", "continue"])
            else { return nil }
            var matchers: [LabelMatcher]? = []
            if let match = mapping.optional("match") { matchers = readMatchers(match) }
            let escalation = mapping.optional("escalation").map { reader -> NotificationRoute.Reference? in
                guard let name = reader.name(.identifier, what: "escalation policy name") else { return nil }
                guard policies.contains(name) else {
                    let hint =
                        policies.isEmpty
                        ? "no policy is configured under notify.escalation_policies"
                        : "known: \(policies.sorted().joined(separator: ", "))"
                    reader.report("unknown escalation policy \"\(name)\"; \(hint)")
                    return nil
                }
                return NotificationRoute.Reference(name: name, location: reader.location)
            }
            var names: [String]? = []
            if let channelsReader = mapping.optional("channels"), let list = channelsReader.stringList() {
                names = list.map(\.value)
                for (name, nameReader) in list where !channels.contains(name) {
                    nameReader.report("unknown channel \"\(name)\"; channels are named under notify:")
                    names = nil
                }
                for (name, nameReader) in list where pagedOnlyChannels.contains(name) {
                    nameReader.report(
                        "channel \"\(name)\" has no to: or oncall: of its own, so it only pages people for escalation "
                            + "policies (via:); name a policy in the route instead, or give the channel addressees")
                    names = nil
                }
                if list.isEmpty && escalation == nil {
                    mapping.reader.report("a route needs at least one channel or an escalation policy")
                    names = nil
                }
            } else if mapping.optional("channels") != nil {
                names = nil
            } else if escalation == nil {
                mapping.reader.report("a route needs channels, an escalation policy, or both")
                names = nil
            }
            let continues = mapping.optional("continue").map { $0.bool() } ?? false
            let grouping = readGrouping(mapping, hasEscalation: mapping.optional("escalation") != nil)
            guard let matchers, let names, let continues, escalation != .some(nil), let grouping else { return nil }
            var route = NotificationRoute(
                matchers: matchers, channels: names, escalation: escalation ?? nil, continues: continues,
                location: item.location)
            route.groupBy = grouping.by
            route.groupWait = grouping.wait
            return route
        }
        let continues = items.last?.peekScalar("continue").map {
            ["true", "yes", "on"].contains($0.value.lowercased())
        }
        if let last = items.last, last.peekScalar("match") != nil || continues == true {
            last.report("the last route must take every alert (no match, no continue), so that no alert pages nobody")
        } else if items.isEmpty {
            reader.report("routes needs at least one route; the last one takes every alert")
        }
        return routes
    }

    /// `group_by: [device]` and `group_wait: 30s`, which only a route with an escalation policy may give.
    private func readGrouping(_ mapping: MappingReader, hasEscalation: Bool) -> (by: [String], wait: Duration)? {
        var by: [String]? = []
        if let reader = mapping.optional("group_by") {
            by = reader.stringList().map { $0.map(\.value) }
            if !hasEscalation {
                reader.report("group_by groups the pages of an escalation policy: give escalation too")
                by = nil
            } else if by?.isEmpty == true {
                reader.report("group_by needs at least one label, e.g. [device]")
                by = nil
            }
        }
        var wait: Duration? = .seconds(30)
        if let reader = mapping.optional("group_wait") {
            wait = reader.duration(allowZero: true)
            if let value = wait, value > .seconds(600) {
                reader.report("group_wait is at most 10m: the first page must not wait longer")
                wait = nil
            } else if mapping.optional("group_by") == nil {
                reader.report("group_wait needs group_by")
                wait = nil
            }
        }
        guard let by, let wait else { return nil }
        return (by, wait)
    }

    private func readMatchers(_ reader: NodeReader) -> [LabelMatcher]? {
        guard let scalar = reader.scalar() else { return nil }
        do {
            return try LabelMatcher.parseList(scalar.string)
        } catch {
            let location = ExpressionLocator(file: reader.file, scalar: scalar).location(ofOffset: error.offset)
            reader.report("invalid match: \(error.message)", at: location)
            return nil
        }
    }
}
