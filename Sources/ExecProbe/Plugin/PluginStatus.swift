/// A Nagios / Monitoring Plugins service state, from the plugin's exit status.
public enum PluginStatus: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Exit 0: the service works.
    case ok = 0
    /// Exit 1: above a warning threshold, or working with a problem.
    case warning = 1
    /// Exit 2: down, or above a critical threshold.
    case critical = 2
    /// Exit 3, or the plugin could not give a state: wrong arguments, missing, crashed, timed out.
    case unknown = 3

    /// The state for an exit status; anything but 0–3 is ``unknown``.
    public init(exitStatus: Int32) {
        self = PluginStatus(rawValue: Int(exitStatus)) ?? .unknown
    }

    /// `OK`, `WARNING`, `CRITICAL`, `UNKNOWN`, as plugins print them.
    public var description: String {
        switch self {
        case .ok: "OK"
        case .warning: "WARNING"
        case .critical: "CRITICAL"
        case .unknown: "UNKNOWN"
        }
    }
}
