import ArgumentParser
import SNMPKit
import SNMPProbe
import VedettaAgent
import VedettaCore

/// The SNMP version and SNMPv3 user options shared by `vedetta probe snmp` and `vedetta discover` (net-snmp's
/// short flags). The community stays with each command: one for `probe snmp`, several to try for `discover`.
///
/// Every SNMPv3 option is optional so that contradictions can be told apart from defaults: a v3 option with
/// `-v 1`/`-v 2c`, a password the security level does not use, or a community with `-v 3` is an error, never
/// silently ignored.
struct SNMPSecurityOptions: ParsableArguments {
    @Option(name: [.customShort("v"), .customLong("snmp-version")], help: "SNMP version: 1, 2c or 3.")
    var version: String = "2c"
    @Option(name: [.customShort("u"), .long], help: "SNMPv3 user name.")
    var user: String?
    @Option(
        name: [.customShort("l"), .long],
        help: "SNMPv3 security level: noAuthNoPriv, authNoPriv or authPriv (default authPriv).")
    var securityLevel: String?
    @Option(
        name: [.customShort("a"), .long],
        help: "SNMPv3 authentication protocol: MD5, SHA, SHA-224 ... SHA-512 (default SHA).")
    var authProtocol: String?
    @Option(name: [.customShort("A"), .long], help: "SNMPv3 authentication password.")
    var authPassword: String?
    @Option(
        name: [.customShort("x"), .long], help: "SNMPv3 privacy protocol: DES, AES, AES-192 or AES-256 (default AES).")
    var privProtocol: String?
    @Option(name: [.customShort("X"), .long], help: "SNMPv3 privacy password.")
    var privPassword: String?
    @Option(name: [.customShort("n"), .long], help: "SNMPv3 context name.")
    var context: String?

    /// The SNMP versions `-v` takes.
    static let versions = ["1", "2c", "3"]

    /// Checks the version and that the options given fit it and each other.
    /// - Parameter communityGiven: Whether `-c` was given.
    /// - Throws: `ValidationError` naming the contradiction and what to do.
    func validate(communityGiven: Bool) throws {
        guard Self.versions.contains(version) else {
            throw ValidationError("invalid -v/--snmp-version \"\(version)\"; use 1, 2c or 3")
        }
        guard version == "3" else {
            let given = givenFlags
            guard given.isEmpty else {
                let verb = given.count == 1 ? "applies" : "apply"
                throw ValidationError(
                    "\(given.joined(separator: ", ")) \(verb) only to SNMPv3; add -v 3, or leave it out for v\(version)"
                )
            }
            return
        }
        if communityGiven {
            throw ValidationError(
                "-c/--community is not used with SNMPv3 (-v 3): give the user with -u and its passwords with -A and -X")
        }
        guard let user, !user.isEmpty else { throw ValidationError("SNMPv3 needs a user: give -u USER") }
        guard let level = SNMPv3Security.Level(parsing: securityLevel ?? "authPriv") else {
            throw ValidationError(
                "invalid -l \"\(securityLevel ?? "")\"; use noAuthNoPriv, authNoPriv or authPriv")
        }
        if level == .noAuthNoPriv, authPassword != nil || authProtocol != nil {
            throw ValidationError(
                "-a/-A are not used with -l noAuthNoPriv; use -l authNoPriv or authPriv, or drop them")
        }
        if level != .authPriv, privPassword != nil || privProtocol != nil {
            throw ValidationError("-x/-X are used only with -l authPriv; use -l authPriv, or drop them")
        }
    }

    /// Copies the version and the SNMPv3 options (or their defaults) into `settings`.
    func apply(to settings: inout SNMPQuery.Settings) {
        settings.version = version
        settings.user = user
        settings.securityLevel = securityLevel ?? "authPriv"
        settings.authProtocol = authProtocol ?? "SHA"
        settings.authPassword = Secret(authPassword ?? "")
        settings.privacyProtocol = privProtocol ?? "AES"
        settings.privacyPassword = Secret(privPassword ?? "")
        settings.context = context ?? ""
    }

    /// The v3 flags given on the command line, as `-u`, `-A` ….
    private var givenFlags: [String] {
        [
            ("-u", user), ("-l", securityLevel), ("-a", authProtocol), ("-A", authPassword), ("-x", privProtocol),
            ("-X", privPassword), ("-n", context),
        ].compactMap { $0.1 == nil ? nil : $0.0 }
    }
}
