import Foundation
import Testing
import VedettaConfig

@Suite("The repository's probes/, alerts/ and deploy/vedetta.yaml load without errors")
struct RepositoryConfigTests {
    static let deployConfig = FixturePaths.repositoryRoot + "/deploy/vedetta.yaml"

    @Test("every profile in probes/ and every rule file in alerts/ loads")
    func probesAndAlerts() throws {
        let root = FixturePaths.repositoryRoot
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "vedetta.yaml",
            """
            probes_dir: \(root)/probes
            alerts_dir: \(root)/alerts
            """
        )
        let configuration: VedettaConfiguration
        do {
            configuration = try ConfigLoader.load(configFile: path)
        } catch {
            Issue.record("the repository's profiles or rules do not load:\n\(error)")
            return
        }
        let profileFiles = try yamlFiles(in: root + "/probes")
        let ruleFiles = try yamlFiles(in: root + "/alerts")
        #expect(configuration.profiles.count == profileFiles.count, "one profile per file in probes/")
        #expect(!configuration.rules.isEmpty)
        #expect(configuration.files.count == 1 + profileFiles.count + ruleFiles.count)
    }

    @Test(
        "deploy/vedetta.yaml loads",
        .enabled(if: FileManager.default.fileExists(atPath: deployConfig), "deploy/vedetta.yaml does not exist")
    )
    func deployExample() throws {
        do {
            let configuration = try ConfigLoader.load(configFile: Self.deployConfig)
            #expect(!configuration.devices.isEmpty)
        } catch {
            Issue.record("deploy/vedetta.yaml does not load:\n\(error)")
        }
    }

    private func yamlFiles(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
    }
}
