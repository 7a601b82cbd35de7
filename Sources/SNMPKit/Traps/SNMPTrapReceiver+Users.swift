import CNetSNMP
import Foundation
import VedettaCore

/// The SNMPv3 users of a receiver, installed in net-snmp's USM table as snmptrapd's `createUser` lines are.
extension SNMPTrapReceiver {
    /// Installs every configured user, for the local engine (informs) and each listed sender engine (v3 traps).
    /// Called under the library lock.
    /// - Returns: The first user net-snmp refused, as an error.
    func installUsers() -> SNMPError? {
        for user in settings.users {
            let engines = user.engineIDs.isEmpty ? [[]] : [[]] + user.engineIDs
            for engine in engines {
                let line = Self.createUserLine(user.security, engineID: engine)
                let installed = line.withCString { text in
                    engine.withUnsafeBufferPointer { bytes in
                        let copy = strdup(text)
                        defer { free(copy) }
                        return vedetta_trap_add_user(copy, user.security.userName, bytes.baseAddress, bytes.count)
                    }
                }
                guard installed != 0 else {
                    return SNMPError(
                        .sessionFailed, target: settings.listen.joined(separator: ","),
                        detail: "net-snmp refused the SNMPv3 trap user \"\(user.security.userName)\"")
                }
                installedUsers.append((user.security.userName, engine))
            }
        }
        return nil
    }

    /// snmptrapd's `createUser` line for `security`, passwords quoted (net-snmp reads `\"` and `\\` in quotes).
    static func createUserLine(_ security: SNMPv3Security, engineID: [UInt8]) -> String {
        var words: [String] = []
        if !engineID.isEmpty {
            words += ["-e", "0x" + engineID.map { String(format: "%02x", $0) }.joined()]
        }
        words.append(quoted(security.userName))
        if security.level != .noAuthNoPriv {
            words += [Self.authName(security.authProtocol), quoted(security.authPassword.reveal())]
            if security.level == .authPriv {
                words += [Self.privacyName(security.privacyProtocol), quoted(security.privacyPassword.reveal())]
            }
        }
        return words.joined(separator: " ")
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private static func authName(_ proto: SNMPv3Security.AuthProtocol) -> String {
        switch proto {
        case .md5: "MD5"
        case .sha: "SHA"
        case .sha224: "SHA-224"
        case .sha256: "SHA-256"
        case .sha384: "SHA-384"
        case .sha512: "SHA-512"
        }
    }

    private static func privacyName(_ proto: SNMPv3Security.PrivacyProtocol) -> String {
        switch proto {
        case .des: "DES"
        case .aes: "AES"
        case .aes192: "AES-192"
        case .aes256: "AES-256"
        }
    }
}
