public import VedettaProbes

extension ProbeFailure.Code {
    /// The plugin answered CRITICAL.
    public static let pluginCritical = ProbeFailure.Code(rawValue: "plugin_critical")
    /// The plugin answered UNKNOWN, or exited with a status above 3.
    public static let pluginUnknown = ProbeFailure.Code(rawValue: "plugin_unknown")
    /// The plugin was killed by a signal.
    public static let pluginCrashed = ProbeFailure.Code(rawValue: "plugin_crashed")
    /// The plugin could not be started: missing, not executable, unknown user, bad working directory.
    public static let pluginCannotRun = ProbeFailure.Code(rawValue: "plugin_cannot_run")
}
