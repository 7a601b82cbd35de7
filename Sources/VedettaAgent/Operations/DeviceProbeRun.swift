public import ExecProbe
import Foundation
import ICMPKit
public import ICMPProbe
public import Logging
import SIPKit
public import SIPProbe
import TCPKit
public import TCPProbe
public import VedettaConfig
import VedettaCore
import VedettaProbes

/// One run of every probe of one configured device, for `vedetta probe DEVICE`: the samples the rules will see,
/// labels and all, as the agent would collect them on its next poll.
public enum DeviceProbeRun {
    /// What one probe of the device produced.
    public struct Report: Sendable, Codable, Equatable {
        /// The device name.
        public var device: String
        /// The probe kind: `snmp`, `http`.
        public var kind: String
        /// What was probed: `host:port` or the URL.
        public var address: String
        /// Whether the run succeeded.
        public var up: Bool
        /// The failure reason (`timeout`, `unreachable`, `authentication`, `malformed_response`,
        /// `unexpected_response`, `other`), when it failed.
        public var reason: String?
        /// What failed, in words, when it failed.
        public var message: String?
        /// How long the run took.
        public var durationSeconds: Double
        /// Every sample, sorted by name and labels.
        public var samples: [SampleRow]

        enum CodingKeys: String, CodingKey {
            case device, kind, address, up, reason, message, samples
            case durationSeconds = "duration_seconds"
        }
    }

    /// One sample as `vedetta probe DEVICE` shows it.
    public struct SampleRow: Sendable, Codable, Equatable {
        /// The metric name.
        public var name: String
        /// The labels.
        public var labels: [String: String]
        /// The value.
        public var value: Double
        /// The series in Prometheus notation, as rules select it: `name{label="value",...}`.
        public var series: String
        /// The text the probe reported with the value (an exec plugin's output), when any.
        public var output: String?
    }

    /// Runs every probe of `device` once.
    /// - Parameters:
    ///   - device: The device's name in the configuration.
    ///   - configuration: The loaded configuration.
    ///   - logger: Logs the runs (at debug and info).
    /// - Throws: `AgentError` when no device has that name (the message lists the names that exist).
    /// - Returns: One report per probe of the device (SNMP first, then HTTP).
    public static func run(device: String, configuration: VedettaConfiguration, logger: Logger) async throws(AgentError)
        -> [Report]
    {
        guard configuration.devices.contains(where: { $0.id.rawValue == device }) else {
            let names = configuration.devices.map(\.id.rawValue).sorted()
            let known = names.isEmpty ? "the configuration has no devices" : "known: " + names.joined(separator: ", ")
            throw AgentError(.unknownDevice, "no device \"\(device)\" in the configuration; \(known)")
        }
        let engines = Engines(logger: logger)
        defer {
            engines.shutdown()
        }
        let probes = ScheduledProbes.make(for: configuration, factories: BuiltinKinds.probeFactories(engines))
            .filter { $0.target.device.rawValue == device }
        var reports: [Report] = []
        for scheduled in probes {
            let report = await ProbeRunner.run(scheduled, logger: logger)
            reports.append(Self.report(report, address: scheduled.target.address))
        }
        return reports
    }

    /// Runs one exec check once, as `vedetta probe exec` does: exactly what the agent would record for a device
    /// named `device` with that check.
    /// - Parameters:
    ///   - check: The plugin and how to run it.
    ///   - device: The device name to label the samples with.
    ///   - timeout: The deadline, when the check sets none.
    ///   - logger: Logs the run.
    /// - Returns: The report.
    public static func run(
        exec check: ExecCheckConfiguration, device: String, timeout: Duration, logger: Logger
    ) async -> Report {
        let command = ExecProbeFactory.command(for: check, agentEnvironment: ProcessInfo.processInfo.environment)
        let scheduled = ScheduledProbe(
            target: Target(device: DeviceID(device), address: check.address),
            probe: ExecProbe(command: command),
            interval: .seconds(60),
            timeout: check.timeout ?? timeout
        )
        return report(await ProbeRunner.run(scheduled, logger: logger), address: check.address)
    }

    /// Runs one ICMP check once, as `vedetta probe icmp` does: exactly what the agent would record for a device
    /// named `device` with that check.
    /// - Parameters:
    ///   - check: The host and how it is pinged.
    ///   - device: The device name to label the samples with.
    ///   - logger: Logs the run.
    /// - Returns: The report.
    public static func run(icmp check: ICMPCheckConfiguration, device: String, logger: Logger) async -> Report {
        let engine = PingEngine(logger: logger)
        defer { engine.shutdown() }
        let scheduled = ScheduledProbe(
            target: Target(device: DeviceID(device), address: check.address),
            probe: ICMPProbe(check: check, engine: engine),
            interval: .seconds(3600),
            timeout: check.timeout ?? .seconds(10)
        )
        return report(await ProbeRunner.run(scheduled, logger: logger), address: check.address)
    }

    /// Runs one TCP check once, as `vedetta probe tcp` does: exactly what the agent would record for a device named
    /// `device` with that check.
    /// - Parameters:
    ///   - check: The address, TLS, bytes to send and to expect.
    ///   - device: The device name to label the samples with.
    ///   - timeout: The check's deadline.
    ///   - logger: Logs the run.
    /// - Returns: The report.
    public static func run(tcp check: TCPCheckConfiguration, device: String, timeout: Duration, logger: Logger) async
        -> Report
    {
        let engine = ConnectEngine()
        defer { engine.shutdown() }
        let scheduled = ScheduledProbe(
            target: Target(device: DeviceID(device), address: check.address),
            probe: TCPProbe(check: check, engine: engine),
            interval: .seconds(3600),
            timeout: timeout
        )
        return report(await ProbeRunner.run(scheduled, logger: logger), address: check.address)
    }

    /// Runs one SIP check once, as `vedetta probe sip` does: exactly what the agent would record for a device named
    /// `device` with that check.
    /// - Parameters:
    ///   - check: The URI, transport and expected statuses.
    ///   - device: The device name to label the samples with.
    ///   - timeout: The check's deadline.
    ///   - logger: Logs the run.
    /// - Returns: The report.
    public static func run(sip check: SIPCheckConfiguration, device: String, timeout: Duration, logger: Logger) async
        -> Report
    {
        let tcp = ConnectEngine()
        let engine = SIPEngine(tcp: tcp)
        defer {
            engine.shutdown()
            tcp.shutdown()
        }
        let scheduled = ScheduledProbe(
            target: Target(device: DeviceID(device), address: check.address),
            probe: SIPProbe(check: check, engine: engine),
            interval: .seconds(3600),
            timeout: timeout
        )
        return report(await ProbeRunner.run(scheduled, logger: logger), address: check.address)
    }

    private static func report(_ report: ProbeReport, address: String) -> Report {
        var failure: ProbeFailure?
        if case .failure(let reason) = report.result.outcome { failure = reason }
        let rows = report.result.samples.map { sample in
            SampleRow(
                name: sample.name, labels: sample.labels.dictionary, value: sample.value,
                series: sample.seriesKey.description, output: sample.output)
        }
        return Report(
            device: report.target.device.rawValue,
            kind: report.kind.rawValue,
            address: address,
            up: failure == nil,
            reason: failure?.code.rawValue,
            message: failure?.message,
            durationSeconds: report.duration.seconds,
            samples: rows.sorted { $0.series < $1.series }
        )
    }
}
