/// An alert that changed state in ``AlertTracker/update(device:rule:evaluation:at:)``.
public struct AlertUpdate: Sendable, Hashable {
    /// What happened: ``AlertTransition/firing(since:)`` or ``AlertTransition/resolved``.
    public var transition: AlertTransition
    /// The alert after the change.
    public var alert: Alert

    /// Creates an update.
    public init(transition: AlertTransition, alert: Alert) {
        self.transition = transition
        self.alert = alert
    }
}
