import Foundation
import SNMPProbe
import Testing
import VedettaAgent
import VedettaConfig
import VedettaTestSupport

/// The shipped profiles of `probes/*.yaml`, loaded once by the real configuration loader, so the probe tests poll
/// with exactly what Vedetta ships.
enum TestProfiles {
    /// Every profile name in `probes/`.
    private static let shipped = Result { () throws -> [String: SNMPProfile] in
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-profiles")
        defer { try? FileManager.default.removeItem(at: directory) }
        let alerts = directory.appendingPathComponent("alerts")
        try FileManager.default.createDirectory(at: alerts, withIntermediateDirectories: true)
        let configFile = directory.appendingPathComponent("vedetta.yaml")
        try """
        probes_dir: \(RepositoryPaths.root.appendingPathComponent("probes").path)
        alerts_dir: \(alerts.path)
        """.write(to: configFile, atomically: true, encoding: .utf8)
        return try ConfigLoader.load(configFile: configFile.path, plugins: BuiltinKinds.configuration).profiles
            .profiles(of: SNMPProfile.self)
    }

    /// Every shipped profile by name.
    /// - Throws: When `probes/` does not load.
    static func all() throws -> [String: SNMPProfile] { try shipped.get() }

    /// The shipped profiles with these names, in this order.
    /// - Throws: When `probes/` does not load or a name is missing.
    static func named(_ names: String...) throws -> [SNMPProfile] {
        let profiles = try shipped.get()
        return try names.map { name in try #require(profiles[name], "probes/ has no profile \(name)") }
    }
}
