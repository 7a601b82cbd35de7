public import VedettaCore
public import VedettaRules

/// One entry of `notify.routes`: which alerts (label matchers, none for every alert) go to which channels.
public struct NotificationRoute: Sendable, Hashable {
    /// All must hold; empty for the catch-all route.
    public var matchers: [LabelMatcher]
    /// The channel names.
    public var channels: [String]
    /// Whether later routes are tried after this one matched (`continue`, default `false`).
    public var continues: Bool
    /// Where the route is written.
    public var location: SourceLocation

    /// Creates a route.
    public init(matchers: [LabelMatcher], channels: [String], continues: Bool, location: SourceLocation) {
        self.matchers = matchers
        self.channels = channels
        self.continues = continues
        self.location = location
    }
}
