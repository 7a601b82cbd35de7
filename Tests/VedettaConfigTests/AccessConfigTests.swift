import Foundation
import Testing
import VedettaAccess
import VedettaAgent
import VedettaConfig

@Suite("access: in vedetta.yaml")
struct AccessConfigTests {
    @Test("without the section: 2 h idle, 12 h sessions, 5 failures in 15 min, public metrics, no proxy")
    func defaults() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("vedetta.yaml", "devices: []\n")
        let access = try ConfigLoader.load(configFile: path, plugins: BuiltinKinds.configuration).access
        #expect(access == AccessSettings())
        #expect(access.idleTimeout == .seconds(7200) && access.sessionLifetime == .seconds(43_200))
        #expect(access.loginLimit == 5 && access.loginWindow == .seconds(900))
        #expect(access.publicMetrics && access.trustedProxy == nil)
    }

    @Test("every key read; a proxy without a header only forwards addresses")
    func everything() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "vedetta.yaml",
            """
            access:
              idle_timeout: 30m
              session_lifetime: 8h
              login_limit: 3
              login_window: 5m
              public_metrics: false
              trusted_proxy:
                header: X-Remote-User
                addresses: [10.0.0.2, "::1"]
            """)
        let access = try ConfigLoader.load(configFile: path, plugins: BuiltinKinds.configuration).access
        #expect(access.idleTimeout == .seconds(1800) && access.sessionLifetime == .seconds(28_800))
        #expect(access.loginLimit == 3 && access.loginWindow == .seconds(300) && !access.publicMetrics)
        #expect(
            access.trustedProxy == AccessSettings.TrustedProxy(header: "X-Remote-User", addresses: ["10.0.0.2", "::1"]))
        let forwarding = try directory.write("forwarding.yaml", "access: {trusted_proxy: {addresses: [127.0.0.1]}}\n")
        let proxy = try ConfigLoader.load(configFile: forwarding, plugins: BuiltinKinds.configuration).access
            .trustedProxy
        #expect(proxy == AccessSettings.TrustedProxy(header: nil, addresses: ["127.0.0.1"]))
    }

    @Test("mistakes name file, line and column")
    func mistakes() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "vedetta.yaml",
            """
            access:
              idle_timeout: 24h
              login_limit: 0
              public_metrics: maybe
              trusted_proxy:
                header: Authorization
              session_length: 8h
            """)
        let lines = try FixturePaths.errorLines(loading: path, relativeTo: directory.path)
        let text = lines.joined(separator: "\n")
        #expect(text.contains("vedetta.yaml:2:"), "\(text)")
        #expect(text.contains("idle_timeout 1d is longer than session_lifetime 12h"), "\(text)")
        #expect(text.contains("vedetta.yaml:3:"), "\(text)")
        #expect(text.contains("vedetta.yaml:4:"), "\(text)")
        #expect(text.contains("vedetta.yaml:6:") && text.contains("not a header name"), "\(text)")
        #expect(text.contains("vedetta.yaml:7:") && text.contains("session_length"), "\(text)")
    }
}
