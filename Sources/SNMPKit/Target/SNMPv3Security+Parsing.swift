/// Parsing of SNMPv3 names and passwords, shared by the configuration (`security_level: auth_priv`,
/// `auth_protocol: sha256`) and the command line (net-snmp's `-l authPriv`, `-a SHA-256`), so both accept the same
/// values and refuse the same passwords.
extension SNMPv3Security {
    /// The shortest password USM accepts (RFC 3414 requires at least 8 characters).
    public static let minimumPasswordLength = 8

    /// Why `password` cannot be used, or `nil` when it can.
    /// - Parameters:
    ///   - password: The password.
    ///   - kind: `authentication` or `privacy`, for the message.
    /// - Returns: The problem, in words.
    public static func problem(withPassword password: String, kind: String) -> String? {
        if password.lowercased() == placeholderPassword {
            return "is still the placeholder \"\(password)\" that vedetta discover writes; put the user's \(kind) "
                + "password here"
        }
        if password.count < minimumPasswordLength {
            return "must be at least \(minimumPasswordLength) characters long, got \(password.count)"
        }
        return nil
    }

    /// `text` without case, `-` and `_`: `authPriv`, `auth_priv` and `AUTH-PRIV` read the same.
    static func folded(_ text: String) -> String {
        String(text.lowercased().filter { $0 != "-" && $0 != "_" })
    }
}

extension SNMPv3Security.Level {
    /// The level spelled as in the configuration (`auth_priv`) or as net-snmp does (`authPriv`), in any case.
    /// - Parameter text: The spelling.
    public init?(parsing text: String) {
        let folded = SNMPv3Security.folded(text)
        guard let level = Self.allCases.first(where: { SNMPv3Security.folded($0.rawValue) == folded }) else {
            return nil
        }
        self = level
    }
}

extension SNMPv3Security.AuthProtocol {
    /// The protocol spelled as in the configuration (`sha256`) or as net-snmp does (`SHA-256`), in any case.
    /// - Parameter text: The spelling.
    public init?(parsing text: String) {
        self.init(rawValue: SNMPv3Security.folded(text))
    }
}

extension SNMPv3Security.PrivacyProtocol {
    /// The protocol spelled as in the configuration (`aes256`) or as net-snmp does (`AES-256`), in any case.
    /// - Parameter text: The spelling.
    public init?(parsing text: String) {
        self.init(rawValue: SNMPv3Security.folded(text))
    }
}
