import ArgumentParser
import VedettaAgent
import VedettaCore

/// The SNMPv3 user options shared by `vedetta probe snmp` and `vedetta discover` (net-snmp's short flags).
struct SNMPv3Options: ParsableArguments {
    @Option(name: [.customShort("u"), .long], help: "SNMPv3 user name.")
    var user: String?
    @Option(
        name: [.customShort("l"), .long], help: "SNMPv3 security level: noAuthNoPriv, authNoPriv or authPriv.")
    var securityLevel: String = "authPriv"
    @Option(name: [.customShort("a"), .long], help: "SNMPv3 authentication protocol: MD5, SHA, SHA-224 ... SHA-512.")
    var authProtocol: String = "SHA"
    @Option(name: [.customShort("A"), .long], help: "SNMPv3 authentication password.")
    var authPassword: String = ""
    @Option(name: [.customShort("x"), .long], help: "SNMPv3 privacy protocol: DES, AES, AES-192 or AES-256.")
    var privProtocol: String = "AES"
    @Option(name: [.customShort("X"), .long], help: "SNMPv3 privacy password.")
    var privPassword: String = ""
    @Option(name: [.customShort("n"), .long], help: "SNMPv3 context name.")
    var context: String = ""

    /// Throws when `version` is 3 and no user is given.
    func validate(version: String) throws {
        if version == "3", user == nil {
            throw ValidationError("SNMPv3 needs a user: give -u USER")
        }
    }

    /// Copies the options into `settings`.
    func apply(to settings: inout SNMPQuery.Settings) {
        settings.user = user
        settings.securityLevel = securityLevel
        settings.authProtocol = authProtocol
        settings.authPassword = Secret(authPassword)
        settings.privacyProtocol = privProtocol
        settings.privacyPassword = Secret(privPassword)
        settings.context = context
    }
}
