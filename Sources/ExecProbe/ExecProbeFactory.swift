public import ExecKit
import Foundation
public import VedettaConfig
public import VedettaProbes

/// Builds the exec probe of each `exec:` check of a device.
public struct ExecProbeFactory: ProbeFactory {
    /// ``VedettaProbes/ProbeKind/exec``.
    public var kind: ProbeKind { .exec }
    private let agentEnvironment: [String: String]

    /// Creates the factory.
    /// - Parameter agentEnvironment: The environment `pass_environment` variables are taken from; `nil` (the
    ///   default) for the agent's own.
    public init(agentEnvironment: [String: String]? = nil) {
        self.agentEnvironment = agentEnvironment ?? ProcessInfo.processInfo.environment
    }

    /// The probe of `check`.
    public func makeProbe(
        for check: CheckConfiguration,
        of device: DeviceConfiguration,
        in configuration: VedettaConfiguration
    ) -> (any Probe)? {
        guard let settings = check.settings as? ExecCheckConfiguration else { return nil }
        return ExecProbe(command: Self.command(for: settings, agentEnvironment: agentEnvironment))
    }

    /// The program an exec check runs.
    public static func command(
        for settings: ExecCheckConfiguration, agentEnvironment: [String: String]
    ) -> Command {
        Command(
            executable: settings.command.first ?? "",
            arguments: Array(settings.command.dropFirst()),
            environment: settings.resolvedEnvironment(from: agentEnvironment),
            workingDirectory: settings.workingDirectory,
            user: settings.user
        )
    }
}
