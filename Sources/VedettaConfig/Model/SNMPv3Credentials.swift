public import VedettaCore

/// SNMPv3 user-based security for a device (`devices[].snmp` with `version: 3`).
public struct SNMPv3Credentials: Sendable, Hashable {
    /// How much protection each message gets (`security_level`).
    public enum SecurityLevel: String, Sendable, Hashable, CaseIterable {
        /// Neither authentication nor encryption.
        case noAuthNoPriv = "no_auth_no_priv"
        /// Authenticated, not encrypted.
        case authNoPriv = "auth_no_priv"
        /// Authenticated and encrypted (the default).
        case authPriv = "auth_priv"
    }

    /// The authentication protocol (`auth_protocol`).
    public enum AuthProtocol: String, Sendable, Hashable, CaseIterable {
        /// HMAC-MD5-96.
        case md5
        /// HMAC-SHA-96 (the default).
        case sha
        /// HMAC-SHA-224.
        case sha224
        /// HMAC-SHA-256.
        case sha256
        /// HMAC-SHA-384.
        case sha384
        /// HMAC-SHA-512.
        case sha512
    }

    /// The privacy protocol (`priv_protocol`).
    public enum PrivacyProtocol: String, Sendable, Hashable, CaseIterable {
        /// DES.
        case des
        /// AES-128 (the default).
        case aes
        /// AES-192.
        case aes192
        /// AES-256.
        case aes256
    }

    /// The user name (`username`).
    public var userName: String
    /// The security level (`security_level`, default `auth_priv`).
    public var securityLevel: SecurityLevel
    /// The authentication protocol (`auth_protocol`, default `sha`).
    public var authProtocol: AuthProtocol
    /// The authentication password (`auth_password`); empty for `no_auth_no_priv`.
    public var authPassword: Secret
    /// The privacy protocol (`priv_protocol`, default `aes`).
    public var privacyProtocol: PrivacyProtocol
    /// The privacy password (`priv_password`); empty unless `auth_priv`.
    public var privacyPassword: Secret
    /// The context name (`context`); empty for the default context.
    public var context: String

    /// Creates SNMPv3 credentials.
    public init(
        userName: String,
        securityLevel: SecurityLevel = .authPriv,
        authProtocol: AuthProtocol = .sha,
        authPassword: Secret = Secret(""),
        privacyProtocol: PrivacyProtocol = .aes,
        privacyPassword: Secret = Secret(""),
        context: String = ""
    ) {
        self.userName = userName
        self.securityLevel = securityLevel
        self.authProtocol = authProtocol
        self.authPassword = authPassword
        self.privacyProtocol = privacyProtocol
        self.privacyPassword = privacyPassword
        self.context = context
    }
}
