import VedettaCore
public import VedettaRules

/// Routes by labels, as Alertmanager's route list does: the routes are tried in order; the first whose matchers
/// all hold takes the alert, and a route with `continues` lets the next ones be tried too. Matchers see the
/// alert's labels plus `alertname` (the rule) and `severity`.
///
/// The configuration ends the list with a route without matchers, so every alert has a route. An alert takes the
/// escalation policy of the first matching route that names one.
public struct LabelRouter: Router {
    /// One route.
    public struct Rule: Sendable, Hashable {
        /// All must hold; none for "every alert".
        public var matchers: [LabelMatcher]
        /// The channels of the route.
        public var channels: [String]
        /// The escalation of the route, if any.
        public var escalation: RouteEscalation?
        /// Whether later routes are tried after this one matched.
        public var continues: Bool

        /// Creates a route.
        public init(
            matchers: [LabelMatcher], channels: [String], escalation: RouteEscalation? = nil, continues: Bool = false
        ) {
            self.matchers = matchers
            self.channels = channels
            self.escalation = escalation
            self.continues = continues
        }
    }

    /// The routes, in order.
    public var rules: [Rule]

    /// Creates the router.
    public init(rules: [Rule]) {
        self.rules = rules
    }

    /// The channels of the first matching route, and of the next matching ones while routes say `continues`; the
    /// escalation policy of the first of them that names one.
    public func route(_ alert: Alert) -> Route {
        let labels = Self.routingLabels(of: alert)
        var channels: [String] = []
        var escalation: RouteEscalation?
        for rule in rules where rule.matchers.allSatisfy({ $0.matches(labels[$0.name] ?? "") }) {
            channels += rule.channels
            escalation = escalation ?? rule.escalation
            if !rule.continues { break }
        }
        return Route(channels: channels, escalation: escalation)
    }

    /// The alert's labels with `alertname` and `severity` added (the alert's own win when it has them).
    static func routingLabels(of alert: Alert) -> LabelSet {
        var dictionary = alert.labels.dictionary
        if dictionary["alertname"] == nil { dictionary["alertname"] = alert.ruleName }
        if dictionary["severity"] == nil { dictionary["severity"] = alert.severity.rawValue }
        return LabelSet(dictionary)
    }
}
