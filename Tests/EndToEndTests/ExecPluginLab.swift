import Foundation
import VedettaTestSupport

/// One device checked by a site's own plugin that reports whatever the test writes to its state file (the first
/// line is the exit code, the rest the output), run by the real agent every 2 s, paging a real webhook receiver.
struct ExecPluginLab {
    let directory: URL
    let receiver: HTTPServerFixture
    private let state: URL
    private let plugin: URL

    /// A lab in a fresh temporary directory, with the plugin written and made executable.
    ///
    /// - Parameters:
    ///   - prefix: The temporary directory's name prefix.
    ///   - plugin: The plugin's file name (samples and summaries name it).
    static func make(prefix: String, plugin: String) async throws -> ExecPluginLab {
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: prefix)
        let lab = ExecPluginLab(
            directory: directory, receiver: try await HTTPServerFixture.start(),
            state: directory.appendingPathComponent("state"), plugin: directory.appendingPathComponent(plugin))
        try """
        #!/bin/sh
        code=$(head -n 1 "$STATE_FILE")
        tail -n +2 "$STATE_FILE"
        exit "$code"
        """.write(to: lab.plugin, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: lab.plugin.path)
        return lab
    }

    /// What the plugin reports from its next run on: its exit code and output.
    func report(exit code: Int, _ output: String) throws {
        try "\(code)\n\(output)".write(to: state, atomically: true, encoding: .utf8)
    }

    /// Starts the agent with `rules` (the content of one `alerts/` file) and one device, `device`, with `labels`
    /// (YAML flow mapping), checked by the plugin.
    func startAgent(device: String, labels: String, rules: String) async throws -> AgentProcess {
        let alerts = directory.appendingPathComponent("alerts")
        try FileManager.default.createDirectory(at: alerts, withIntermediateDirectories: true)
        try rules.write(to: alerts.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        let config = directory.appendingPathComponent("vedetta.yaml")
        try """
        agent:
          default_interval: 2s
          default_timeout: 1500ms
        alerts_dir: alerts
        devices:
          - name: \(device)
            labels: \(labels)
            exec:
              command: [\(plugin.path)]
              environment: {STATE_FILE: \(state.path)}
        notify:
          webhooks:
            - name: oncall
              url: \(receiver.url("/hook"))
              timeout: 2s
        """.write(to: config, atomically: true, encoding: .utf8)
        return try await AgentProcess(configFile: config, dataDirectory: directory.appendingPathComponent("data"))
    }
}
