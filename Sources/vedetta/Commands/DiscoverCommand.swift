import ArgumentParser
import Foundation
import Logging
import SNMPProbe
import VedettaAgent
import VedettaConfig
import VedettaCore

/// `vedetta discover ADDRESSES`: finds SNMP agents and proposes `devices:` entries for them.
struct DiscoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Find SNMP devices in an address range and propose devices: entries for vedetta.yaml.",
        discussion: """
            Asks each address for sysDescr, sysObjectID and sysName (trying each --community in turn), selects \
            profiles from the profiles directory by sysObjectID as profiles: auto does, and prints a devices: \
            entry for every device that answered. Addresses that did not answer are summarized on stderr. \
            Exits 0 when at least one device answered, 1 otherwise.

            ADDRESSES is a comma-separated list of host, host:port, [IPv6]:port, IPv4 CIDR blocks \
            (192.0.2.0/28) and IPv4 ranges (192.0.2.1-20 or 192.0.2.1-192.0.2.20), at most 4096 addresses.
            """
    )

    @Argument(help: "Addresses: host[:port], CIDR blocks and ranges, comma-separated.")
    var addresses: String
    @Option(help: "UDP port of addresses that give none.")
    var port: Int = 161
    @Option(
        name: .shortAndLong, help: "Community string to try, for v1 and v2c (repeatable: each is tried in turn).")
    var community: [String] = []
    @OptionGroup(title: "SNMP version and SNMPv3 user") var security: SNMPSecurityOptions
    @Option(help: "Timeout per attempt, e.g. 1s.")
    var timeout: String = "1s"
    @Option(help: "Retries after a timeout.")
    var retries: Int = 0
    @Option(help: "The most addresses asked at once (1 to 256).")
    var concurrency: Int = 32
    @Option(help: "The root configuration file, whose probes_dir gives the profiles.")
    var config: String = "vedetta.yaml"
    @Option(help: "The profiles directory (default: probes_dir of --config, or probes/ beside it).")
    var probesDir: String?
    @Flag(help: "Print JSON instead of YAML.")
    var json = false

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("invalid --port \(port); use 1 to 65535") }
        guard (1...256).contains(concurrency) else {
            throw ValidationError("invalid --concurrency \(concurrency); use 1 to 256")
        }
        guard retries >= 0 else { throw ValidationError("--retries must not be negative") }
        try security.validate(communityGiven: !community.isEmpty)
    }

    func run() async throws {
        let targets: [HostPort]
        do {
            targets = try DiscoveryAddresses.parse(addresses, defaultPort: port)
        } catch {
            throw ValidationError(error.description)
        }
        let profiles: [String: SNMPProfile]
        do {
            profiles = try ConfigLoader.loadProfiles(
                configFile: config, overrides: ConfigOverrides(probesDirectory: probesDir),
                plugins: BuiltinKinds.configuration
            ).profiles(of: SNMPProfile.self)
        } catch {
            printError(error.description)
            printError("vedetta discover: the profiles do not load: \(error.errors.count) error(s)")
            throw ExitCode(1)
        }
        if profiles.isEmpty {
            printError("vedetta discover: no profiles found; give --probes-dir or --config to select profiles")
        }
        var query = SNMPQuery.Settings(
            host: "", port: port, version: security.version, community: Secret("public"),
            timeout: try parseDuration(timeout, option: "--timeout"), retries: retries, maxRepetitions: 25)
        security.apply(to: &query)
        let communities = (community.isEmpty ? ["public"] : community).map { Secret($0) }
        let settings = SNMPDiscovery.Settings(query: query, communities: communities, concurrency: concurrency)
        var logger = Logger(label: "vedetta.discover")
        logger.logLevel = .warning
        let report: SNMPDiscovery.Report
        do {
            report = try await SNMPDiscovery.run(targets, settings: settings, profiles: profiles, logger: logger)
        } catch {
            printError("vedetta discover: \(error)")
            throw ExitCode(1)
        }
        if json {
            print(try jsonText(report))
        } else if !report.devices.isEmpty {
            print(SNMPDiscovery.yaml(for: report.devices, settings: settings), terminator: "")
        }
        summarize(report, asked: targets.count)
        if report.devices.isEmpty { throw ExitCode(1) }
    }

    /// Prints the count found and the addresses that did not answer, grouped by reason, to stderr.
    private func summarize(_ report: SNMPDiscovery.Report, asked: Int) {
        printError("vedetta discover: \(report.devices.count) of \(asked) address(es) answered")
        guard !report.unanswered.isEmpty else { return }
        let reasons = Dictionary(grouping: report.unanswered, by: \.reason)
        for reason in reasons.keys.sorted() {
            let addresses = reasons[reason, default: []].map(\.address)
            let shown = addresses.prefix(20).joined(separator: ", ")
            let more = addresses.count > 20 ? " and \(addresses.count - 20) more" : ""
            printError("  no answer (\(reason)) from \(addresses.count): \(shown)\(more)")
        }
        if let example = report.unanswered.first {
            printError("  e.g. \(example.message)")
        }
    }
}
