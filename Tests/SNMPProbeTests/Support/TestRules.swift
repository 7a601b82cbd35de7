import Foundation
import Testing
import VedettaAgent
import VedettaConfig
import VedettaRules
import VedettaTestSupport

/// The shipped alert rules of `alerts/*.yaml`, loaded once by the real configuration loader, so tests evaluate
/// exactly what Vedetta ships against the samples of recorded devices.
enum TestRules {
    private static let shipped = Result { () throws -> [String: AlertRule] in
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-rules")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configFile = directory.appendingPathComponent("vedetta.yaml")
        try """
        probes_dir: \(RepositoryPaths.root.appendingPathComponent("probes").path)
        alerts_dir: \(RepositoryPaths.root.appendingPathComponent("alerts").path)
        """.write(to: configFile, atomically: true, encoding: .utf8)
        let rules = try ConfigLoader.load(configFile: configFile.path, plugins: BuiltinKinds.configuration).rules
        return Dictionary(uniqueKeysWithValues: rules.map { ($0.name, $0) })
    }

    /// The shipped rule named `name`.
    /// - Throws: When `alerts/` does not load or has no such rule.
    static func named(_ name: String) throws -> AlertRule {
        try #require(try shipped.get()[name], "alerts/ has no rule \(name)")
    }
}
