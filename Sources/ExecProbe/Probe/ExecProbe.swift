public import ExecKit
public import Logging
public import VedettaCore
public import VedettaProbes

/// Runs a Nagios / Monitoring Plugins plugin and reads its answer as the plugin API defines it: the exit status is
/// the state (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN), the first line of output the summary, the lines after it the
/// long output, and the performance data samples.
///
/// Samples: `exec_status` (the state, 0–3, carrying the plugin's output for alert templates), one
/// `exec_perfdata{label, uom}` per performance data item in base units (with `exec_perfdata_warning`,
/// `_critical`, `_min` and `_max` when the plugin gives them as plain numbers), and `exec_perfdata_invalid`, the
/// number of items that could not be read. Each carries `plugin`, the plugin's file name.
///
/// OK and WARNING are a successful probe (`up` 1); CRITICAL is a failure with the plugin's summary; a plugin that is
/// missing, not executable, killed by a signal, past its deadline or exiting with a status above 3 is UNKNOWN, a
/// failure whose reason says which.
public struct ExecProbe: Probe {
    /// The program to run.
    public let command: Command

    /// Always ``VedettaProbes/ProbeKind/exec``.
    public var kind: ProbeKind { .exec }
    /// `true`: the plugin's process group is killed at the deadline.
    public var finishesByDeadline: Bool { true }

    /// Creates the probe.
    /// - Parameter command: The plugin, its arguments, environment and limits.
    public init(command: Command) {
        self.command = command
    }

    /// Runs the plugin once.
    /// - Parameters:
    ///   - target: The device; its labels go on every sample.
    ///   - deadline: When the plugin's process group is killed.
    ///   - logger: A logger carrying `probe.target`.
    /// - Returns: The plugin's state as the outcome, and its samples.
    public func probe(_ target: Target, deadline: ContinuousClock.Instant, logger: Logger) async -> ProbeResult {
        let started = ContinuousClock.now
        let verdict: PluginVerdict
        do {
            let result = try await CommandRunner.run(command, deadline: deadline)
            verdict = PluginVerdict(result, timeout: started.duration(to: deadline))
        } catch {
            verdict = PluginVerdict(error)
        }
        if verdict.status == .unknown {
            logger.debug(
                "plugin state unknown", metadata: ["plugin": "\(command.name)", "error": "\(verdict.output.summary)"])
        }
        var labels = target.labels
        labels["plugin"] = command.name
        return ProbeResult(outcome: verdict.outcome, samples: verdict.samples(labels: labels))
    }
}

extension ProbeKind {
    /// Nagios / Monitoring Plugins plugins run as programs.
    public static let exec = ProbeKind(rawValue: "exec")
}
