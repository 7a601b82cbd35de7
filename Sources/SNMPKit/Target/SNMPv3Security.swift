public import VedettaCore

/// SNMPv3 user-based security (USM) for one agent: the user, the security level, and the protocols and
/// passwords that level needs. Read from `devices[].snmp` with `version: 3` (`username`, `security_level`,
/// `auth_protocol`, `auth_password`, `priv_protocol`, `priv_password`, `context`) and used by SNMPKit's sessions.
public struct SNMPv3Security: Sendable, Hashable {
    /// How much protection each message gets.
    public enum Level: String, Sendable, Hashable, CaseIterable {
        /// Neither authentication nor encryption (`noAuthNoPriv`).
        case noAuthNoPriv = "no_auth_no_priv"
        /// Authenticated, not encrypted (`authNoPriv`).
        case authNoPriv = "auth_no_priv"
        /// Authenticated and encrypted (`authPriv`).
        case authPriv = "auth_priv"
    }

    /// The authentication (HMAC) protocol.
    public enum AuthProtocol: String, Sendable, Hashable, CaseIterable {
        /// HMAC-MD5-96.
        case md5
        /// HMAC-SHA-96.
        case sha
        /// HMAC-SHA-224 (RFC 7860).
        case sha224
        /// HMAC-SHA-256 (RFC 7860).
        case sha256
        /// HMAC-SHA-384 (RFC 7860).
        case sha384
        /// HMAC-SHA-512 (RFC 7860).
        case sha512
    }

    /// The privacy (encryption) protocol.
    public enum PrivacyProtocol: String, Sendable, Hashable, CaseIterable {
        /// CBC-DES.
        case des
        /// CFB128-AES-128 (RFC 3826).
        case aes
        /// CFB128-AES-192 (Blumenthal draft key extension).
        case aes192
        /// CFB128-AES-256 (Blumenthal draft key extension).
        case aes256
    }

    /// The USM user name (securityName).
    public var userName: String
    /// What `vedetta discover` writes in place of passwords it does not repeat; `vedetta check` refuses it, so a
    /// proposal pasted without its passwords fails at once instead of at the device.
    public static let placeholderPassword = "change-me"
    /// The security level.
    public var level: Level
    /// The authentication protocol (ignored for ``Level/noAuthNoPriv``).
    public var authProtocol: AuthProtocol
    /// The authentication password (ignored for ``Level/noAuthNoPriv``).
    public var authPassword: Secret
    /// The privacy protocol (used only for ``Level/authPriv``).
    public var privacyProtocol: PrivacyProtocol
    /// The privacy password (used only for ``Level/authPriv``).
    public var privacyPassword: Secret
    /// The context name; empty for the default context.
    public var context: String

    /// Creates SNMPv3 security settings.
    /// - Parameters:
    ///   - userName: The USM user name.
    ///   - level: The security level (default authPriv).
    ///   - authProtocol: The authentication protocol (default SHA).
    ///   - authPassword: The authentication password.
    ///   - privacyProtocol: The privacy protocol (default AES).
    ///   - privacyPassword: The privacy password.
    ///   - context: The context name (default empty).
    public init(
        userName: String,
        level: Level = .authPriv,
        authProtocol: AuthProtocol = .sha,
        authPassword: Secret = Secret(""),
        privacyProtocol: PrivacyProtocol = .aes,
        privacyPassword: Secret = Secret(""),
        context: String = ""
    ) {
        self.userName = userName
        self.level = level
        self.authProtocol = authProtocol
        self.authPassword = authPassword
        self.privacyProtocol = privacyProtocol
        self.privacyPassword = privacyPassword
        self.context = context
    }
}
