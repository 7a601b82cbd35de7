public import Logging
import SNMPKit
public import VedettaCore

/// One-off SNMP requests for `vedetta probe snmp` and `vedetta discover`: the same engine the agent polls with.
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
        /// `1`, `2c` or `3`.
        public var version: String
        /// Community string.
        public var community: Secret
        /// Per-attempt timeout.
        public var timeout: Duration
        /// Retries after a timeout.
        public var retries: Int
        /// GETBULK max-repetitions.
        public var maxRepetitions: Int
        /// SNMPv3 user name (required for version `3`).
        public var user: String?
        /// SNMPv3 security level as net-snmp spells it: `noAuthNoPriv`, `authNoPriv` or `authPriv`.
        public var securityLevel = "authPriv"
        /// SNMPv3 authentication protocol: `MD5`, `SHA`, `SHA-224`, `SHA-256`, `SHA-384` or `SHA-512`.
        public var authProtocol = "SHA"
        /// SNMPv3 authentication password.
        public var authPassword = Secret("")
        /// SNMPv3 privacy protocol: `DES`, `AES`, `AES-192` or `AES-256`.
        public var privacyProtocol = "AES"
        /// SNMPv3 privacy password.
        public var privacyPassword = Secret("")
        /// SNMPv3 context name.
        public var context = ""

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
        /// The value as net-snmp's tools print it after the type (strings quoted, TimeTicks with their reading).
        public var display: String
        /// The plain value: a printable string's text without quotes, anything else as ``display``.
        public var value: String
        /// The value as a number, for the numeric SNMP types only (INTEGER, counters, gauges, TimeTicks, floats).
        public var number: Double?
    }

    /// Runs `operation` against the agent at `settings`.
    /// - Throws: ``SNMPQueryError`` with net-snmp's reason (timeout, error status, malformed answer).
    /// - Returns: The varbinds in the order received.
    public static func run(_ operation: Operation, settings: Settings, logger: Logger) async throws(SNMPQueryError)
        -> [Row]
    {
        let target = try targetSettings(settings)
        let engine = SNMPEngine(logger: logger)
        defer { engine.shutdown() }
        do {
            let varbinds: [SNMPVarBind]
            switch operation {
            case .get(let oids): varbinds = try await engine.get(oids, from: target)
            case .walk(let root):
                varbinds = try await engine.walk(root, from: target, maxRepetitions: settings.maxRepetitions)
            }
            return varbinds.map { varBind in
                let value = varBind.value
                let isText = if case .octetString = value { true } else { false }
                return Row(
                    oid: "." + varBind.oid.description, type: value.typeName, display: value.displayValue,
                    value: value.plainValue, number: isText ? nil : value.numericValue)
            }
        } catch {
            throw .request(error)
        }
    }

    /// The SNMPKit view of `settings`.
    /// - Throws: ``SNMPQueryError`` for an unknown version, or SNMPv3 settings that are incomplete or misspelt.
    static func targetSettings(_ settings: Settings) throws(SNMPQueryError) -> SNMPTargetSettings {
        guard let version = SNMPProtocolVersion(rawValue: settings.version) else {
            throw .invalidSettings("unknown SNMP version \"\(settings.version)\"; use 1, 2c or 3")
        }
        return SNMPTargetSettings(
            host: settings.host,
            port: settings.port,
            version: version,
            community: settings.community,
            timeout: settings.timeout,
            retries: settings.retries,
            security: version == .v3 ? try v3Security(settings) : nil
        )
    }

    private static func v3Security(_ settings: Settings) throws(SNMPQueryError) -> SNMPv3Security {
        guard let user = settings.user, !user.isEmpty else { throw .invalidSettings("SNMPv3 needs a user name (-u)") }
        guard let level = SNMPv3Security.Level(parsing: settings.securityLevel) else {
            throw .invalidSettings(
                "unknown security level \"\(settings.securityLevel)\"; use noAuthNoPriv, authNoPriv or authPriv")
        }
        guard let auth = SNMPv3Security.AuthProtocol(parsing: settings.authProtocol) else {
            throw .invalidSettings(
                "unknown authentication protocol \"\(settings.authProtocol)\"; use MD5, SHA or SHA-224 to SHA-512")
        }
        guard let privacy = SNMPv3Security.PrivacyProtocol(parsing: settings.privacyProtocol) else {
            throw .invalidSettings(
                "unknown privacy protocol \"\(settings.privacyProtocol)\"; use DES, AES, AES-192 or AES-256")
        }
        // The same rule as the configuration's, so a password that `vedetta check` refuses is refused here too.
        if level != .noAuthNoPriv,
            let problem = SNMPv3Security.problem(withPassword: settings.authPassword.reveal(), kind: "authentication")
        {
            throw .invalidSettings("the authentication password (-A) \(problem)")
        }
        if level == .authPriv,
            let problem = SNMPv3Security.problem(withPassword: settings.privacyPassword.reveal(), kind: "privacy")
        {
            throw .invalidSettings("the privacy password (-X) \(problem)")
        }
        return SNMPv3Security(
            userName: user, level: level, authProtocol: auth, authPassword: settings.authPassword,
            privacyProtocol: privacy, privacyPassword: settings.privacyPassword, context: settings.context)
    }
}
