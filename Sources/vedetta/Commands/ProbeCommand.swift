import ArgumentParser
import Foundation
import Logging
import VedettaAPI
import VedettaAgent
import VedettaConfig
import VedettaCore

/// `vedetta probe`: one-off checks from the command line, through the agent's own probe engines.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Probe one device now and print what comes back.",
        discussion: """
            vedetta probe DEVICE (short for vedetta probe device DEVICE) runs the probes of a configured device once \
            and prints every sample the rules will see. vedetta probe snmp and vedetta probe http ask any address, \
            vedetta probe exec runs any Nagios plugin, vedetta probe icmp pings any host, vedetta probe tcp connects to any port, and vedetta probe sip sends SIP OPTIONS, without a configuration.
            """,
        subcommands: [
            DeviceProbeCommand.self, SNMPProbeCommand.self, HTTPProbeCommand.self, ExecProbeCommand.self,
            ICMPProbeCommand.self, TCPProbeCommand.self, SIPProbeCommand.self,
        ],
        defaultSubcommand: DeviceProbeCommand.self
    )
}

/// `vedetta probe [device] NAME`: every sample of a configured device, as the rules see them.
struct DeviceProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device",
        abstract: "Run a configured device's probes once and print every sample, with the labels rules select on.",
        discussion: """
            Prints, for each probe of the device (SNMP, HTTP), a line with its outcome, then every sample in \
            Prometheus notation, the way a rule selects it: name{labels} value. Exits 1 when a probe failed.
            """
    )

    @Argument(help: "The device's name in the configuration.")
    var device: String
    @OptionGroup var config: ConfigOption
    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let configuration: VedettaConfiguration
        do {
            configuration = try ConfigLoader.load(configFile: config.config, plugins: BuiltinKinds.configuration)
        } catch {
            printError(error.description)
            printError("vedetta probe: \(config.config): \(error.errors.count) error(s)")
            throw ExitCode(1)
        }
        var logger = Logger(label: "vedetta.probe")
        logger.logLevel = .error
        let reports: [DeviceProbeRun.Report]
        do {
            reports = try await DeviceProbeRun.run(device: device, configuration: configuration, logger: logger)
        } catch {
            printError("vedetta probe: \(error)")
            throw ExitCode(1)
        }
        if json {
            print(try jsonText(reports))
        } else {
            for report in reports { print(Self.text(report)) }
        }
        if reports.contains(where: { !$0.up }) { throw ExitCode(1) }
    }

    /// The report as text: a heading with the outcome, every sample, then the text output samples carry.
    static func text(_ report: DeviceProbeRun.Report) -> String {
        let took = String(format: "%.3f s", report.durationSeconds)
        var heading = "\(report.device) \(report.kind) \(report.address): "
        if report.up {
            heading += "up in \(took), \(report.samples.count) samples"
        } else {
            heading += "down (\(report.reason ?? "other")) in \(took): \(report.message ?? "")"
        }
        var lines = report.samples.map { "\($0.series) \(PrometheusTextRenderer.format($0.value))" }
        for sample in report.samples {
            guard let output = sample.output, !output.isEmpty else { continue }
            lines.append("output of \(sample.name):")
            lines += output.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        return ([heading] + lines).joined(separator: "\n")
    }
}
