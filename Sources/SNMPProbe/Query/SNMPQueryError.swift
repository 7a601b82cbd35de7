public import SNMPKit

/// Why a one-off SNMP request (`vedetta probe snmp`, `vedetta discover`) failed: settings that cannot be used, or
/// the request itself.
public struct SNMPQueryError: Error, CustomStringConvertible {
    /// The class of failure.
    public enum Code: String, Sendable {
        /// The version, the SNMPv3 user, level, protocols or passwords cannot be used.
        case invalidSettings = "invalid_settings"
        /// The agent did not answer, refused, or answered badly (see ``SNMPQueryError/snmpError``).
        case request
    }

    /// The class of failure.
    public var code: Code
    /// What went wrong and what to do.
    public var message: String
    /// SNMPKit's error, for ``Code/request``.
    public var snmpError: SNMPError?

    /// An error in the settings.
    static func invalidSettings(_ message: String) -> SNMPQueryError {
        SNMPQueryError(code: .invalidSettings, message: message, snmpError: nil)
    }

    /// A failed request.
    static func request(_ error: SNMPError) -> SNMPQueryError {
        SNMPQueryError(code: .request, message: error.description, snmpError: error)
    }

    /// The message.
    public var description: String { message }
}
