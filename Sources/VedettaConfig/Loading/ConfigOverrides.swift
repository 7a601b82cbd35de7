import VedettaCore

/// Settings given outside `vedetta.yaml` (for example on the command line) that replace the file's values.
///
/// Relative paths here resolve against the current directory, as a shell user expects, not against the
/// configuration file.
public struct ConfigOverrides: Sendable, Equatable {
    /// Replaces `agent.data_dir`.
    public var dataDirectory: String?
    /// Replaces `agent.listen` (`host:port` or `[v6]:port`).
    public var listen: String?
    /// Replaces `probes_dir`.
    public var probesDirectory: String?
    /// Replaces `alerts_dir`.
    public var alertsDirectory: String?
    /// Replaces `maintenance_dir`.
    public var maintenanceDirectory: String?
    /// Replaces `oncall_dir`.
    public var oncallDirectory: String?

    /// Creates overrides; `nil` keeps the configuration file's value.
    ///
    /// - Parameters:
    ///   - dataDirectory: Replaces `agent.data_dir`.
    ///   - listen: Replaces `agent.listen`.
    ///   - probesDirectory: Replaces `probes_dir`.
    ///   - alertsDirectory: Replaces `alerts_dir`.
    ///   - maintenanceDirectory: Replaces `maintenance_dir`.
    ///   - oncallDirectory: Replaces `oncall_dir`.
    public init(
        dataDirectory: String? = nil,
        listen: String? = nil,
        probesDirectory: String? = nil,
        alertsDirectory: String? = nil,
        maintenanceDirectory: String? = nil,
        oncallDirectory: String? = nil
    ) {
        self.dataDirectory = dataDirectory
        self.listen = listen
        self.probesDirectory = probesDirectory
        self.alertsDirectory = alertsDirectory
        self.maintenanceDirectory = maintenanceDirectory
        self.oncallDirectory = oncallDirectory
    }

    /// Where problems with an override are reported (`<command line>:1:1`).
    static let location = SourceLocation(file: "<command line>", line: 1, column: 1)
}
