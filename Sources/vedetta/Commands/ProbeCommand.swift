import ArgumentParser
import Foundation
import Logging
import VedettaAgent
import VedettaConfig
import VedettaCore

/// `vedetta probe`: one-off checks from the command line, through the agent's own probe engines.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Probe one device now and print what comes back.",
        subcommands: [SNMPProbeCommand.self, HTTPProbeCommand.self]
    )
}

/// `vedetta probe snmp HOST[:PORT] (--walk OID | --get OID...)`.
struct SNMPProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snmp",
        abstract: "SNMP GET or walk; prints each varbind with its SNMP type, like snmpwalk -On."
    )

    @Argument(help: "The agent: host, host:port or [ipv6]:port (default port 161).")
    var target: String
    @Option(name: .shortAndLong, help: "Community string, for v1 and v2c (default public).")
    var community: String?
    @Option(name: [.customShort("v"), .customLong("snmp-version")], help: "SNMP version: 1, 2c or 3.")
    var version: String = "2c"
    @OptionGroup(title: "SNMPv3") var v3: SNMPv3Options
    @Option(help: "Walk the subtree under this OID.")
    var walk: String?
    @Option(parsing: .upToNextOption, help: "GET these instance OIDs.")
    var get: [String] = []
    @Option(help: "Timeout per attempt, e.g. 2s.")
    var timeout: String = "2s"
    @Option(help: "Retries after a timeout.")
    var retries: Int = 1
    @Option(help: "GETBULK max-repetitions (v2c walks).")
    var maxRepetitions: Int = 25
    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard (walk == nil) != get.isEmpty else {
            throw ValidationError("give exactly one of --walk OID or --get OID...")
        }
        try v3.validate(version: version, communityGiven: community != nil)
    }

    func run() async throws {
        let (host, port) = try splitHostPort(target, defaultPort: 161)
        let operation: SNMPQuery.Operation
        if let walk {
            guard let oid = OID(walk) else { throw ValidationError("invalid OID \"\(walk)\"; use numeric dotted form") }
            operation = .walk(oid)
        } else {
            var oids: [OID] = []
            for text in get {
                guard let oid = OID(text) else {
                    throw ValidationError("invalid OID \"\(text)\"; use numeric dotted form")
                }
                oids.append(oid)
            }
            operation = .get(oids)
        }
        var settings = SNMPQuery.Settings(
            host: host,
            port: port,
            version: version,
            community: Secret(community ?? "public"),
            timeout: try parseDuration(timeout, option: "--timeout"),
            retries: retries,
            maxRepetitions: maxRepetitions
        )
        v3.apply(to: &settings)
        do {
            let rows = try await SNMPQuery.run(operation, settings: settings, logger: Logger(label: "vedetta.probe"))
            if json {
                print(try jsonText(rows))
            } else {
                for row in rows { print("\(row.oid) = \(row.type): \(row.display)") }
            }
        } catch {
            printError("vedetta probe snmp: \(target): \(error)")
            throw ExitCode(1)
        }
    }
}

/// `vedetta probe http URL`.
struct HTTPProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http",
        abstract: "HTTP(S) request; prints the status and the time spent in each phase."
    )

    @Argument(help: "The URL (http:// or https://).")
    var url: String
    @Option(name: [.customShort("X"), .long], help: "HTTP method: GET, HEAD, POST, PUT, DELETE, OPTIONS or PATCH.")
    var method: String = "GET"
    @Option(name: [.customShort("H"), .long], help: "Extra header \"Name: value\" (repeatable).")
    var header: [String] = []
    @Option(help: "Timeout for the whole request, e.g. 10s.")
    var timeout: String = "10s"
    @Flag(help: "Do not verify the server certificate.")
    var insecure = false
    @Option(help: "The most redirects followed; 0 does not follow any.")
    var maxRedirects: Int = 10
    @Option(help: "Extra CA bundle (PEM) to trust.")
    var caFile: String?
    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard HTTPCheckConfiguration.methods.contains(method.uppercased()) else {
            throw ValidationError(
                "invalid -X/--method \"\(method)\"; use "
                    + HTTPCheckConfiguration.methods.joined(separator: ", "))
        }
        guard maxRedirects >= 0 else { throw ValidationError("--max-redirects must not be negative") }
    }

    func run() async throws {
        let settings = HTTPQuery.Settings(
            url: url,
            method: method.uppercased(),
            timeout: try parseDuration(timeout, option: "--timeout"),
            verifyTLS: !insecure,
            caFile: caFile,
            headers: header,
            maxRedirects: maxRedirects
        )
        let report: HTTPQuery.Report
        do {
            report = try await HTTPQuery.run(settings, logger: Logger(label: "vedetta.probe"))
        } catch {
            printError("vedetta probe http: \(error)")
            throw ExitCode(1)
        }
        if json {
            print(try jsonText(report))
            return
        }
        print("\(settings.method) \(report.url) -> \(report.status) (\(report.httpVersion), \(report.bodyBytes) bytes)")
        if report.redirects > 0 {
            print("  after \(report.redirects) redirect(s): \(report.effectiveURL)")
        }
        for phase in report.phases {
            let milliseconds = String(format: "%.3f", phase.seconds * 1000)
            print("  \(phase.name.padding(toLength: 11, withPad: " ", startingAt: 0)) \(milliseconds) ms")
        }
        if let expiry = report.tlsCertificateExpiry {
            let days = Int(expiry.timeIntervalSinceNow / 86_400)
            print("  certificate expires \(expiry.formatted(.iso8601)) (in \(days) days)")
        }
    }
}

/// Splits `host`, `host:port` or `[v6]:port`.
func splitHostPort(_ text: String, defaultPort: Int) throws -> (String, Int) {
    if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
        let host = String(text[text.index(after: text.startIndex)..<close])
        let rest = text[text.index(after: close)...]
        guard !rest.isEmpty else { return (host, defaultPort) }
        guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()), (1...65_535).contains(port) else {
            throw ValidationError("invalid address \"\(text)\"")
        }
        return (host, port)
    }
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    switch parts.count {
    case 1: return (text, defaultPort)
    case 2:
        guard let port = Int(parts[1]), (1...65_535).contains(port), !parts[0].isEmpty else {
            throw ValidationError("invalid address \"\(text)\"; use host or host:port")
        }
        return (String(parts[0]), port)
    default: return (text, defaultPort)  // a bare IPv6 address
    }
}

/// Pretty, key-sorted JSON.
func jsonText(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601Milliseconds
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
