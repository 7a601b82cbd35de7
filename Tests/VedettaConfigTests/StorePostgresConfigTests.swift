import Foundation
import Testing
import VedettaAgent
import VedettaConfig
import VedettaCore
import VedettaStorePostgres

@Suite("store: postgres: and the cluster settings in vedetta.yaml")
struct StorePostgresConfigTests {
    @Test("a URL with sslmode, a pool, and the password from a file; the location never shows the password")
    func everything() throws {
        let directory = try TemporaryDirectory()
        let password = try directory.write("postgres.password", "s3cret\nignored\n")
        let path = try directory.write(
            "vedetta.yaml",
            """
            agent:
              name: agent-milano
              sites: [milano, monza]
              cluster_lease: 30s
            store:
              postgres:
                url: postgres://monitor@db.example:6432/noc?sslmode=require
                password_file: \(password)
                pool: 4
            """)
        let configuration = try ConfigLoader.load(configFile: path, plugins: BuiltinKinds.configuration)
        let store = try #require(configuration.store)
        #expect(store.kind == "postgres")
        let settings = try #require(store.settings as? PostgresStoreConfiguration)
        #expect(settings.host == "db.example" && settings.port == 6432)
        #expect(settings.user == "monitor" && settings.database == "noc")
        #expect(settings.tls == .require && settings.poolSize == 4)
        #expect(settings.password?.reveal() == "s3cret")
        #expect(settings.location == "postgres://monitor@db.example:6432/noc")
        #expect(configuration.agent.name == "agent-milano")
        #expect(configuration.agent.sites == ["milano", "monza"])
        #expect(configuration.agent.clusterLease == .seconds(30))
    }

    @Test("the password comes from password_file, else VEDETTA_POSTGRES_PASSWORD, else the URL")
    func passwordOrder() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("postgres.password", "from-file\n")
        let url = "postgres://vedetta:from-url@db/noc"
        let variable = [PostgresStoreReader.passwordVariable: "from-environment"]
        let cases: [(file: String?, environment: [String: String], expected: String)] = [
            (file, variable, "from-file"), (nil, variable, "from-environment"), (nil, [:], "from-url"),
        ]
        for (file, environment, expected) in cases {
            let copied = try PostgresStoreConfiguration.parse(url: url, passwordFile: file, environment: environment)
            #expect(copied.password?.reveal() == expected)
        }
        // vedetta.yaml follows the same order (the process's environment has no VEDETTA_POSTGRES_PASSWORD here).
        for (file, expected) in [(file, "from-file"), (nil, "from-url")] as [(String?, String)] {
            let yaml = "store:\n  postgres:\n    url: \(url)\n" + (file.map { "    password_file: \($0)\n" } ?? "")
            let path = try directory.write("vedetta.yaml", yaml)
            let configuration = try ConfigLoader.load(configFile: path, plugins: BuiltinKinds.configuration)
            let settings = try #require(configuration.store?.settings as? PostgresStoreConfiguration)
            #expect(settings.password?.reveal() == expected)
        }
    }

    @Test("defaults: port 5432, user and database vedetta, TLS when offered, 10 connections; a socket directory")
    func defaults() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "vedetta.yaml", "store:\n  postgres:\n    url: postgres://localhost?host=/run/postgresql\n")
        let configuration = try ConfigLoader.load(configFile: path, plugins: BuiltinKinds.configuration)
        let settings = try #require(configuration.store?.settings as? PostgresStoreConfiguration)
        #expect(settings.host == "/run/postgresql" && settings.usesUnixSocket)
        #expect(settings.port == 5432 && settings.user == "vedetta" && settings.database == "vedetta")
        #expect(settings.tls == .prefer && settings.poolSize == 10 && settings.password == nil)
        #expect(configuration.agent.name == AgentConfiguration.defaultName)
        #expect(configuration.agent.sites.isEmpty && configuration.agent.clusterLease == .seconds(15))
    }

    @Test(
        "each mistake names its file, line and column",
        arguments: [
            ("url: mysql://db/x", "3:10: error: expected a URL like postgres://"),
            ("url: postgres://db/x?sslmode=sometimes", "3:10: error: sslmode \"sometimes\" is not one of"),
            ("url: postgres://db/x?timeout=3", "3:10: error: unknown URL parameter \"timeout\""),
            ("url: postgres://db/x\n    pool: 0", "4:11: error:"),
            ("url: postgres://db/x\n    password_file: /nonexistent/pw", "4:20: error: cannot read a password"),
        ])
    func mistakes(_ section: String, _ expected: String) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("vedetta.yaml", "store:\n  postgres:\n    \(section)\n")
        let error = try #require(throws: ConfigErrors.self) {
            try ConfigLoader.load(configFile: path, plugins: BuiltinKinds.configuration)
        }
        #expect(error.description.contains("vedetta.yaml:\(expected)"), "\(error.description)")
    }

    @Test("a cluster lease under 3 s is refused")
    func shortLease() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("vedetta.yaml", "agent:\n  cluster_lease: 1s\n")
        let error = try #require(throws: ConfigErrors.self) {
            try ConfigLoader.load(configFile: path, plugins: BuiltinKinds.configuration)
        }
        #expect(error.description.contains("vedetta.yaml:2:18: error: cluster_lease must be at least 3s"))
    }
}
