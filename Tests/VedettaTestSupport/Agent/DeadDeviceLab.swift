public import Foundation

/// A configuration for an agent that opens one incident at once: one SNMP device (`pbx-milano`) on a loopback port
/// where nothing answers, polled every second, and a rule (`DeviceUnreachable`) that opens an incident on its first
/// failed poll, or once the device has failed for `hold`.
public struct DeadDeviceLab: Sendable {
    /// The temporary directory holding everything.
    public let directory: URL
    /// The configuration file.
    public let config: URL
    /// The data directory (not created: the agent or `vedetta users` creates it).
    public let data: URL

    /// Writes the configuration and its rule into a new temporary directory.
    /// - Parameters:
    ///   - prefix: The temporary directory's name prefix.
    ///   - hold: The rule's `for:` (e.g. `20s`), if any.
    /// - Throws: When the files cannot be written or no free port is found.
    public init(prefix: String, hold: String? = nil) throws {
        directory = try RepositoryPaths.makeTemporaryDirectory(prefix: prefix)
        let alerts = directory.appendingPathComponent("alerts")
        try FileManager.default.createDirectory(at: alerts, withIntermediateDirectories: true)
        config = directory.appendingPathComponent("vedetta.yaml")
        data = directory.appendingPathComponent("data")
        try """
        agent:
          default_interval: 1s
          default_timeout: 500ms
        probes_dir: \(RepositoryPaths.root.appendingPathComponent("probes").path)
        alerts_dir: alerts
        devices:
          - name: pbx-milano
            snmp:
              address: 127.0.0.1:\(try Ports.freePort())
              retries: 0
              profiles: [system]
        """.write(to: config, atomically: true, encoding: .utf8)
        try """
        rules:
          - alert: DeviceUnreachable
            expr: up{probe="snmp"} == 0
        \(hold.map { "    for: \($0)\n" } ?? "")    severity: critical
            summary: "{{ $labels.device }} does not answer SNMP"
        """.write(to: alerts.appendingPathComponent("test.yaml"), atomically: true, encoding: .utf8)
    }
}
