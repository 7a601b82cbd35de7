import Foundation
import Testing
import VedettaTestSupport

/// `deploy/container/Containerfile` and `deploy/compose/`: no container engine runs here, so the files are checked
/// with the tools that do: the compose file parsed as YAML and its every reference resolved, the agents'
/// configuration passed through `vedetta check`, Prometheus's through `promtool check config`, and the
/// Containerfile's sources and Debian packages looked up.
@Suite("deploy/container and deploy/compose files")
struct DeployFilesTests {
    static let deploy = RepositoryPaths.root.appendingPathComponent("deploy")

    /// The compose file as JSON, through Python's YAML parser (PyYAML, in the tests' virtual environment).
    static func compose() throws -> [String: Any] {
        let python = RepositoryPaths.virtualEnvironment.appendingPathComponent("bin/python").path
        let output = try ToolRunner.run(
            python,
            [
                "-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))",
                deploy.appendingPathComponent("compose/compose.yaml").path,
            ]
        ).requireSuccess("parse compose.yaml")
        return try #require(
            try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
    }

    @Test(
        "compose: two agents with their own names and data, PostgreSQL, Prometheus, Grafana; every file it names exists"
    )
    func composeFile() throws {
        let compose = try Self.compose()
        let services = try #require(compose["services"] as? [String: [String: Any]])
        #expect(Set(services.keys) == ["postgres", "vedetta-a", "vedetta-b", "prometheus", "grafana"])
        let a = try #require(services["vedetta-a"])
        let b = try #require(services["vedetta-b"])
        #expect(a["hostname"] as? String == "vedetta-a" && b["hostname"] as? String == "vedetta-b")
        #expect((a["volumes"] as? [String]) != (b["volumes"] as? [String]), "each agent keeps its own data")
        let build = try #require(a["build"] as? [String: String])
        let context = Self.deploy.appendingPathComponent("compose").appendingPathComponent(build["context"] ?? "")
        #expect(FileManager.default.fileExists(atPath: context.appendingPathComponent(build["dockerfile"] ?? "").path))
        for (name, service) in services {
            for volume in service["volumes"] as? [String] ?? [] where volume.hasPrefix(".") {
                let source = String(volume.split(separator: ":")[0])
                let path = Self.deploy.appendingPathComponent("compose").appendingPathComponent(source).path
                #expect(FileManager.default.fileExists(atPath: path), "\(name) mounts \(source), which is missing")
            }
        }
        let depends = try #require(a["depends_on"] as? [String: [String: String]])
        #expect(depends["postgres"]?["condition"] == "service_healthy")
    }

    @Test("compose: the agents' configuration passes vedetta check; Prometheus's passes promtool")
    func configurationsCheck() throws {
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-deploy")
        let password = directory.appendingPathComponent("postgres.password")
        try "password\n".write(to: password, atomically: true, encoding: .utf8)
        let text = try String(
            contentsOf: Self.deploy.appendingPathComponent("compose/vedetta.yaml"), encoding: .utf8
        )
        .replacingOccurrences(of: "/usr/share/vedetta", with: RepositoryPaths.root.path)
        .replacingOccurrences(of: "/run/secrets/postgres_password", with: password.path)
        let config = directory.appendingPathComponent("vedetta.yaml")
        try text.write(to: config, atomically: true, encoding: .utf8)
        let checked = try ToolRunner.vedetta(["check", "--config", config.path])
        #expect(checked.status == 0, "\(checked.standardOutput)\(checked.standardError)")
        #expect(text.contains("postgres://vedetta@postgres:5432/vedetta"))

        try ToolRunner.run(
            "/usr/bin/promtool", ["check", "config", Self.deploy.appendingPathComponent("compose/prometheus.yml").path]
        ).requireSuccess("promtool check config")
    }

    @Test("Containerfile: what it copies exists, it builds the vedetta product, its runtime packages are Debian's")
    func containerfile() throws {
        let text = try String(
            contentsOf: Self.deploy.appendingPathComponent("container/Containerfile"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        for line in lines where line.hasPrefix("COPY ") && !line.contains("--from=") {
            let source = line.split(separator: " ")[1]
            #expect(
                FileManager.default.fileExists(
                    atPath: RepositoryPaths.root.appendingPathComponent(String(source)).path),
                "COPY \(source)")
        }
        #expect(text.contains("--product vedetta"))
        let package = try String(
            contentsOf: RepositoryPaths.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(package.contains(".executable(name: \"vedetta\""))
        // The runtime stage's packages: the second `apt-get install`.
        let installs = text.components(separatedBy: "--no-install-recommends")
        try #require(installs.count == 3)
        let runtime = installs[2].components(separatedBy: "&&")[0]
            .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\\" }).map(String.init)
        #expect(runtime.contains("postgresql-client-15") && runtime.contains("libsnmp40"))
        for name in runtime {
            let shown = try ToolRunner.run("/usr/bin/apt-cache", ["show", "--no-all-versions", name])
            #expect(shown.status == 0 && shown.standardOutput.contains("Package: \(name)"), "\(name) is not in Debian")
        }
    }
}
