/// How an incident that pages starts escalating: its policy, and the group it pages with.
///
/// Incidents of one policy with the same `groupKey` (the values of the route's `group_by` labels) escalate as one
/// group: the first opens the group, its first step due after `groupWait`, so that the alerts that fire together
/// (a dead switch's 48 interfaces) make one page; later ones join the group and go to everyone paged as one update.
/// Without a key the incident escalates alone, at once.
public struct EscalationStart: Sendable, Hashable {
    /// The policy.
    public var policy: String
    /// The group's key, e.g. `device=sw-12`; `nil` for an incident that escalates alone.
    public var groupKey: String?
    /// How long the group waits for more alerts before its first step.
    public var groupWait: Duration

    /// Creates a start.
    public init(policy: String, groupKey: String? = nil, groupWait: Duration = .zero) {
        self.policy = policy
        self.groupKey = groupKey
        self.groupWait = groupKey == nil ? .zero : groupWait
    }
}

extension EscalationStart: ExpressibleByStringLiteral {
    /// A policy without grouping: `"noc"`.
    public init(stringLiteral policy: String) {
        self.init(policy: policy)
    }
}
