import ArgumentParser
import Logging
import SNMPProbe
import VedettaAgent
import VedettaCore

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
    @OptionGroup(title: "SNMP version and SNMPv3 user") var security: SNMPSecurityOptions
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
        try security.validate(communityGiven: community != nil)
    }

    func run() async throws {
        guard let address = HostPort.parse(target, defaultPort: 161) else {
            throw ValidationError("invalid address \"\(target)\"; use host, host:port or [IPv6]:port")
        }
        let (host, port) = (address.host, address.port)
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
            version: security.version,
            community: Secret(community ?? "public"),
            timeout: try parseDuration(timeout, option: "--timeout"),
            retries: retries,
            maxRepetitions: maxRepetitions
        )
        security.apply(to: &settings)
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
