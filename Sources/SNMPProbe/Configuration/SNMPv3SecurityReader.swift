import SNMPKit
import VedettaConfig
import VedettaCore

/// Reads the SNMPv3 keys of `devices[].snmp` (`username`, `security_level`, protocols, passwords, `context`).
enum SNMPv3SecurityReader {
    /// The credentials, or `nil` when any key is missing or invalid (each problem reported).
    static func read(_ mapping: MappingReader) -> SNMPv3Security? {
        var valid = true
        let userName = mapping.required("username")?.string()
        if userName == nil { valid = false }
        var credentials = SNMPv3Security(userName: userName ?? "")
        if let reader = mapping.optional("security_level") {
            if let level = choice(reader, SNMPv3Security.Level.init(parsing:)) {
                credentials.level = level
            } else {
                valid = false
            }
        }
        if let reader = mapping.optional("auth_protocol") {
            if let proto = choice(reader, SNMPv3Security.AuthProtocol.init(parsing:)) {
                credentials.authProtocol = proto
            } else {
                valid = false
            }
        }
        if let reader = mapping.optional("priv_protocol") {
            if let proto = choice(reader, SNMPv3Security.PrivacyProtocol.init(parsing:)) {
                credentials.privacyProtocol = proto
            } else {
                valid = false
            }
        }
        if let reader = mapping.optional("context") {
            if let text = reader.string() { credentials.context = text } else { valid = false }
        }
        let level = credentials.level
        if level != .noAuthNoPriv {
            if let password = password(mapping.required("auth_password"), kind: "authentication") {
                credentials.authPassword = password
            } else {
                valid = false
            }
        } else if let reader = mapping.optional("auth_password") {
            reader.report("auth_password is not used with security_level no_auth_no_priv")
            valid = false
        }
        if level == .authPriv {
            if let password = password(mapping.required("priv_password"), kind: "privacy") {
                credentials.privacyPassword = password
            } else {
                valid = false
            }
        } else if let reader = mapping.optional("priv_password") {
            reader.report("priv_password is used only with security_level auth_priv")
            valid = false
        }
        return valid ? credentials : nil
    }

    /// A level or protocol, in the configuration's spelling or net-snmp's (one parser for both, in SNMPKit).
    private static func choice<T: RawRepresentable & CaseIterable>(
        _ reader: NodeReader, _ parse: (String) -> T?
    ) -> T? where T.RawValue == String {
        guard let text = reader.string() else { return nil }
        if let value = parse(text) { return value }
        let known = T.allCases.map(\.rawValue).joined(separator: ", ")
        reader.report("invalid \(reader.path) \"\(text)\"; use one of \(known)")
        return nil
    }

    private static func password(_ reader: NodeReader?, kind: String) -> Secret? {
        guard let reader, let text = reader.string() else { return nil }
        if let problem = SNMPv3Security.problem(withPassword: text, kind: kind) {
            reader.report("\(reader.path) \(problem)")
            return nil
        }
        return Secret(text)
    }
}
