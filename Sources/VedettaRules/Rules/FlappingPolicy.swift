/// When an alert counts as flapping (`flapping:` on a rule): it fired and resolved so often that paging each time
/// would be noise. A flapping alert stays firing (its incident open), with one "flapping" notification, until its
/// condition has not changed for ``settle``; then one "settled" notification, and it resolves if its condition no
/// longer holds.
public struct FlappingPolicy: Sendable, Hashable {
    /// More than this many state changes (each firing and each resolution counts one) within ``window`` make
    /// the alert flap (`changes`, default 3). An alert starts to flap when it would resolve: with 3, at its second
    /// resolution within the window (the fourth change), after two pages and one "restored".
    public var changes: Int
    /// The window the changes are counted in (`window`, default 1 hour).
    public var window: Duration
    /// How long the condition must stay as it is for a flapping alert to settle (`settle`, default 15 minutes).
    public var settle: Duration

    /// The policy of a rule that says nothing: more than 3 changes in an hour, settled after 15 steady minutes.
    public static let standard = FlappingPolicy(changes: 3, window: .seconds(3600), settle: .seconds(900))

    /// Creates a policy.
    public init(changes: Int, window: Duration, settle: Duration) {
        self.changes = changes
        self.window = window
        self.settle = settle
    }
}
