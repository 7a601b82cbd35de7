public import Logging
import SNMPKit
public import VedettaCore

/// One-off SNMP requests for `vedetta probe snmp`: the same engine the agent polls with.
public enum SNMPQuery {
    /// What to ask for.
    public enum Operation: Sendable {
        /// GET of these instance OIDs.
        case get([OID])
        /// A walk of the subtree under this OID (GETBULK with v2c, GETNEXT with v1).
        case walk(OID)
    }

    /// Connection settings.
    public struct Settings: Sendable {
        /// Host or address.
        public var host: String
        /// UDP port.
        public var port: Int
        /// `1` or `2c`.
        public var version: String
        /// Community string.
        public var community: Secret
        /// Per-attempt timeout.
        public var timeout: Duration
        /// Retries after a timeout.
        public var retries: Int
        /// GETBULK max-repetitions.
        public var maxRepetitions: Int

        /// Creates settings.
        public init(
            host: String,
            port: Int,
            version: String,
            community: Secret,
            timeout: Duration,
            retries: Int,
            maxRepetitions: Int
        ) {
            self.host = host
            self.port = port
            self.version = version
            self.community = community
            self.timeout = timeout
            self.retries = retries
            self.maxRepetitions = maxRepetitions
        }
    }

    /// One variable binding, ready to print.
    public struct Row: Sendable, Codable, Equatable {
        /// Numeric OID with a leading dot, as `snmpwalk -On` prints it.
        public var oid: String
        /// The SNMP type as net-snmp names it (`INTEGER`, `STRING`, `Counter64`, …).
        public var type: String
        /// The value as net-snmp's tools print it.
        public var value: String
        /// The value as a number, when it is one.
        public var number: Double?
    }

    /// Runs `operation` against the agent at `settings`.
    /// - Throws: `AgentError` with net-snmp's reason (timeout, error status, malformed answer).
    /// - Returns: The varbinds in the order received.
    public static func run(_ operation: Operation, settings: Settings, logger: Logger) async throws(AgentError)
        -> [Row]
    {
        guard let version = SNMPProtocolVersion(rawValue: settings.version) else {
            throw AgentError("unknown SNMP version \"\(settings.version)\"; use 1 or 2c")
        }
        let engine = SNMPEngine(logger: logger)
        defer { engine.shutdown() }
        let target = SNMPTargetSettings(
            host: settings.host,
            port: settings.port,
            version: version,
            community: settings.community,
            timeout: settings.timeout,
            retries: settings.retries
        )
        do {
            let varbinds: [SNMPVarBind]
            switch operation {
            case .get(let oids): varbinds = try await engine.get(oids, from: target)
            case .walk(let root):
                varbinds = try await engine.walk(root, from: target, maxRepetitions: settings.maxRepetitions)
            }
            return varbinds.map {
                Row(
                    oid: "." + $0.oid.description, type: $0.value.typeName, value: $0.value.displayValue,
                    number: $0.value.numericValue)
            }
        } catch {
            throw AgentError("\(error)")
        }
    }
}
