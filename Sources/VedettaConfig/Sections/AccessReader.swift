import VedettaAccess
import VedettaCore

/// Reads `access:` of `vedetta.yaml`: sessions, the sign-in limit, public metrics and a trusted proxy.
///
/// ```yaml
/// access:
///   idle_timeout: 2h
///   session_lifetime: 12h
///   login_limit: 5
///   login_window: 15m
///   public_metrics: true
///   trusted_proxy:
///     header: X-Remote-User
///     addresses: [127.0.0.1, "::1"]
/// ```
enum AccessReader {
    static let keys = [
        "idle_timeout", "session_lifetime", "login_limit", "login_window", "public_metrics", "trusted_proxy",
    ]
    static let proxyKeys = ["header", "addresses"]

    static func read(_ reader: NodeReader?) -> AccessSettings {
        var settings = AccessSettings()
        guard let mapping = reader?.mapping(keys: keys) else { return settings }
        if let idle = mapping.optional("idle_timeout")?.duration() { settings.idleTimeout = idle }
        if let lifetime = mapping.optional("session_lifetime")?.duration() { settings.sessionLifetime = lifetime }
        if settings.idleTimeout > settings.sessionLifetime, let reader = mapping.optional("idle_timeout") {
            reader.report(
                "idle_timeout \(settings.idleTimeout.compactDescription) is longer than session_lifetime "
                    + settings.sessionLifetime.compactDescription)
        }
        if let limit = mapping.optional("login_limit")?.int(minimum: 1) { settings.loginLimit = limit }
        if let window = mapping.optional("login_window")?.duration() { settings.loginWindow = window }
        if let flag = mapping.optional("public_metrics")?.bool() { settings.publicMetrics = flag }
        if let proxyReader = mapping.optional("trusted_proxy"), let proxy = proxyReader.mapping(keys: proxyKeys) {
            var trusted = AccessSettings.TrustedProxy(header: nil)
            if let headerReader = proxy.optional("header"), let header = headerReader.nonEmptyString() {
                if header.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }),
                    !["authorization", "cookie", "x-forwarded-for", "x-csrf-token"].contains(header.lowercased())
                {
                    trusted.header = header
                } else {
                    headerReader.report(
                        "\"\(header)\" is not a header name a proxy can set for the user (letters, digits, '-'; not "
                            + "Authorization, Cookie, X-Forwarded-For or X-CSRF-Token)")
                }
            }
            if let list = proxy.optional("addresses")?.stringList() {
                trusted.addresses = list.map(\.value)
                if list.isEmpty, let addresses = proxy.optional("addresses") {
                    addresses.report("trusted_proxy.addresses must list the proxy's addresses")
                }
            }
            settings.trustedProxy = trusted
        }
        return settings
    }
}
