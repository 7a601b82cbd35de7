public import VedettaRules

/// Picks who hears of an alert: the second stage. Table-driven and pure, so routing is tested without I/O.
///
/// Without `notify.routes`, every alert goes to every channel (``BroadcastRouter``); with them, labels decide
/// (``LabelRouter``). Escalation policies will plug in here.
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

    /// Creates a route.
    /// - Parameter channels: The channel names; repeats are dropped.
    public init(channels: [String]) {
        var seen = Set<String>()
        self.channels = channels.filter { seen.insert($0).inserted }
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
