public import VedettaRules

/// Picks who hears of an alert: the second stage. Table-driven and pure, so routing is tested without I/O.
///
/// Without `notify.routes`, every alert goes to every channel (``BroadcastRouter``); with them, labels decide
/// (``LabelRouter``), and a route may name the escalation policy that pages people.
public protocol Router: Sendable {
    /// Where `alert`'s notifications go.
    /// - Parameter alert: The alert, with its labels.
    /// - Returns: The route.
    func route(_ alert: Alert) -> Route
}

/// Where an alert's notifications go.
public struct Route: Sendable, Hashable {
    /// The channel names, in order, without repeats.
    public var channels: [String]
    /// The escalation that pages people until somebody acknowledges (policy and group), if any.
    public var escalation: RouteEscalation?

    /// Creates a route.
    /// - Parameters:
    ///   - channels: The channel names; repeats are dropped.
    ///   - escalation: The escalation policy, if any.
    public init(channels: [String], escalation: RouteEscalation? = nil) {
        var seen = Set<String>()
        self.channels = channels.filter { seen.insert($0).inserted }
        self.escalation = escalation
    }
}

/// Every alert to every configured channel.
public struct BroadcastRouter: Router {
    /// The channel names.
    public var channels: [String]

    /// Creates the router.
    /// - Parameter channels: Every configured channel name.
    public init(channels: [String]) {
        self.channels = channels
    }

    /// Every channel.
    public func route(_ alert: Alert) -> Route { Route(channels: channels) }
}

/// A route's escalation: the policy, and how alerts are grouped into one page.
public struct RouteEscalation: Sendable, Hashable, ExpressibleByStringLiteral {
    /// The policy.
    public var policy: String
    /// The labels whose values make an alert's group (`group_by`); empty: every alert escalates alone.
    public var groupBy: [String]
    /// How long a new group waits for more alerts before its first page (`group_wait`).
    public var groupWait: Duration

    /// Creates an escalation.
    public init(policy: String, groupBy: [String] = [], groupWait: Duration = .seconds(30)) {
        self.policy = policy
        self.groupBy = groupBy
        self.groupWait = groupWait
    }

    /// A policy without grouping.
    public init(stringLiteral policy: String) {
        self.init(policy: policy)
    }
}
