public import VedettaCore
public import VedettaRules

/// One entry of `notify.routes`: which alerts (label matchers, none for every alert) go to which channels, and
/// which escalation policy pages people about them.
public struct NotificationRoute: Sendable, Hashable {
    /// All must hold; empty for the catch-all route.
    public var matchers: [LabelMatcher]
    /// The channel names; may be empty when the route names an escalation policy.
    public var channels: [String]
    /// The escalation policy (`escalation:`), if any, with where it is named.
    public var escalation: Reference?
    /// The labels whose values group the route's alerts into one escalation (`group_by`); empty for none.
    public var groupBy: [String] = []
    /// How long a new group waits for more alerts before its first page (`group_wait`, default 30 s).
    public var groupWait: Duration = .seconds(30)
    /// Whether later routes are tried after this one matched (`continue`, default `false`).
    public var continues: Bool
    /// Where the route is written.
    public var location: SourceLocation

    /// Creates a route.
    public init(
        matchers: [LabelMatcher], channels: [String], escalation: Reference? = nil,
        continues: Bool, location: SourceLocation
    ) {
        self.matchers = matchers
        self.channels = channels
        self.escalation = escalation
        self.continues = continues
        self.location = location
    }
}

extension NotificationRoute {
    /// A name written in the configuration, with where, for checks against other sections.
    public struct Reference: Sendable, Hashable {
        /// The name.
        public var name: String
        /// Where it is written.
        public var location: SourceLocation

        /// Creates a reference.
        public init(name: String, location: SourceLocation) {
            self.name = name
            self.location = location
        }
    }
}
