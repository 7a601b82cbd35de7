public import VedettaConfig

/// A check that runs a Nagios / Monitoring Plugins plugin (`devices[].exec`).
public struct ExecCheckConfiguration: CheckSettings {
    /// The `PATH` a plugin gets when the configuration names none: the system's directories, not the agent's
    /// `PATH`.
    public static let defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// The plugin's absolute path, then its arguments (`command`); never run through a shell.
    public var command: [String]
    /// The plugin's own deadline (`timeout`); `nil` takes the device's.
    public var timeout: Duration?
    /// Variables set for the plugin (`environment`).
    public var environment: [String: String]
    /// Variables passed on from the agent's own environment (`pass_environment`), when the agent has them.
    public var passEnvironment: [String]
    /// The directory to run in (`working_directory`); `nil` for the agent's.
    public var workingDirectory: String?
    /// The account to run as (`user`, a name or uid), when the agent runs as root.
    public var user: String?

    /// Creates an exec check.
    public init(
        command: [String],
        timeout: Duration? = nil,
        environment: [String: String] = [:],
        passEnvironment: [String] = [],
        workingDirectory: String? = nil,
        user: String? = nil
    ) {
        self.command = command
        self.timeout = timeout
        self.environment = environment
        self.passEnvironment = passEnvironment
        self.workingDirectory = workingDirectory
        self.user = user
    }

    /// The plugin's path: what logs and `vedetta probe` show (arguments may hold passwords, so they are not shown).
    public var address: String { command.first ?? "" }

    /// The plugin's whole environment: `environment`, the `pass_environment` variables the agent has, and
    /// ``defaultPath`` as `PATH` when neither names it.
    /// - Parameter agentEnvironment: The agent's own environment.
    public func resolvedEnvironment(from agentEnvironment: [String: String]) -> [String: String] {
        var resolved: [String: String] = [:]
        for name in passEnvironment {
            if let value = agentEnvironment[name] { resolved[name] = value }
        }
        resolved.merge(environment) { _, configured in configured }
        if resolved["PATH"] == nil { resolved["PATH"] = Self.defaultPath }
        return resolved
    }
}
