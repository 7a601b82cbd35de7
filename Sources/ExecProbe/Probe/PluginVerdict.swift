import ExecKit
import VedettaCore
import VedettaProbes

/// What one run of a plugin means: its state, its output and the probe outcome.
struct PluginVerdict: Sendable, Equatable {
    var status: PluginStatus
    var output: PluginOutput
    /// The probe failure for CRITICAL and UNKNOWN, `nil` for OK and WARNING.
    var failure: ProbeFailure?

    /// The verdict for a plugin that ran.
    init(_ result: CommandResult, timeout: Duration) {
        var output = PluginOutput(parsing: result.outputText)
        if output.summary.isEmpty, let line = Self.firstLine(result.errorText) {
            output.summary = line  // a plugin that failed early often writes only to standard error
        }
        if result.outputTruncated {
            output.longOutput +=
                (output.longOutput.isEmpty ? "" : "\n") + "(output cut at \(result.standardOutput.count) bytes)"
        }
        switch result.termination {
        case .exited(let code) where (0...3).contains(code):
            status = PluginStatus(exitStatus: code)
            let summary = output.summary.isEmpty ? status.description : output.summary
            failure =
                switch status {
                case .ok, .warning: nil
                case .critical: ProbeFailure(.pluginCritical, summary)
                case .unknown: ProbeFailure(.pluginUnknown, summary)
                }
        case .exited(let code):
            (status, failure, output) = Self.unknown(.pluginUnknown, "exited with status \(code)", output)
        case .signalled:
            (status, failure, output) = Self.unknown(.pluginCrashed, "was \(result.termination)", output)
        case .timedOut:
            (status, failure, output) = Self.unknown(.timeout, "timed out after \(timeout.compactDescription)", output)
        }
        self.output = output
    }

    /// The verdict for a plugin that could not be started.
    init(_ error: ExecError) {
        status = .unknown
        output = PluginOutput(summary: "UNKNOWN - \(error.message)")
        failure = ProbeFailure(.pluginCannotRun, error.message)
    }

    var outcome: ProbeOutcome {
        failure.map { .failure($0) } ?? .success
    }

    /// The samples of this run, with `labels` (the target's and `plugin`).
    func samples(labels: LabelSet) -> [Sample] {
        var samples = [
            Sample(
                name: "exec_status", labels: labels, value: Double(status.rawValue),
                help: "State of the plugin: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN", output: output.text),
            Sample(
                name: "exec_perfdata_invalid", labels: labels, value: Double(output.problems.count),
                help: "Performance data items of the plugin's output that could not be read"),
        ]
        for datum in output.performanceData {
            var itemLabels = labels
            itemLabels["label"] = datum.label
            itemLabels["uom"] = datum.unit.rawValue
            samples.append(
                Sample(
                    name: "exec_perfdata", labels: itemLabels, value: datum.value,
                    kind: datum.unit == .counter ? .counter : .gauge,
                    help: "Performance data of the plugin, in base units (s, bytes, percent)"))
            let bounds: [(String, Double?, String)] = [
                ("exec_perfdata_warning", datum.warning, "Warning threshold the plugin reported"),
                ("exec_perfdata_critical", datum.critical, "Critical threshold the plugin reported"),
                ("exec_perfdata_min", datum.minimum, "Smallest value the plugin reported as possible"),
                ("exec_perfdata_max", datum.maximum, "Largest value the plugin reported as possible"),
            ]
            for (name, value, help) in bounds {
                guard let value else { continue }
                samples.append(Sample(name: name, labels: itemLabels, value: value, help: help))
            }
        }
        return samples
    }

    /// UNKNOWN, for a plugin that gave no state of its own: the summary says what happened, and whatever the plugin
    /// wrote becomes the long output.
    private static func unknown(
        _ code: ProbeFailure.Code, _ what: String, _ output: PluginOutput
    ) -> (PluginStatus, ProbeFailure, PluginOutput) {
        let summary = "UNKNOWN - plugin \(what)"
        let written = PluginOutput(
            summary: summary, longOutput: output.text, performanceData: output.performanceData,
            problems: output.problems)
        return (.unknown, ProbeFailure(code, summary), written)
    }

    private static func firstLine(_ text: String) -> String? {
        let line = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingWhitespace() }
        return line?.isEmpty == false ? line : nil
    }
}
