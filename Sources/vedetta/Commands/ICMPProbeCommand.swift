import ArgumentParser
import ICMPKit
import ICMPProbe
import Logging
import SocketKit
import VedettaAgent

/// `vedetta probe icmp HOST`.
struct ICMPProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "icmp",
        abstract: "Ping a host as an icmp check would, and print what is recorded.",
        discussion: """
            Sends the echo requests through the agent's own ICMP engine (an unprivileged ICMP socket when the \
            group is in net.ipv4.ping_group_range, else a raw socket, which needs root or CAP_NET_RAW) and prints \
            the outcome and every sample: packets sent and received, loss ratio, round-trip min/avg/max/stddev. \
            Exits 0 when any request was answered, 1 otherwise.
            Example: vedetta probe icmp 192.0.2.10 --packets 5 --interval 200ms
            """
    )

    @Argument(help: "The host name or IP address to ping.")
    var host: String
    @Option(help: "Echo requests to send (1-100).")
    var packets: Int = 3
    @Option(help: "Time between two requests, at least 10ms.")
    var interval: String = "1s"
    @Option(name: .customLong("packet-timeout"), help: "How long each request waits for its reply.")
    var packetTimeout: String = "1s"
    @Option(help: "Payload bytes (8-1472).")
    var size: Int = 56
    @Flag(name: [.customShort("4"), .customLong("ipv4")], help: "Resolve the name to an IPv4 address.")
    var ipv4 = false
    @Flag(name: [.customShort("6"), .customLong("ipv6")], help: "Resolve the name to an IPv6 address.")
    var ipv6 = false
    @Option(help: "The device name to label the samples with.")
    var device: String = "cli"
    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard PingSettings.packetRange.contains(packets) else { throw ValidationError("--packets must be 1 to 100") }
        guard PingSettings.payloadRange.contains(size) else { throw ValidationError("--size must be 8 to 1472") }
        guard !(ipv4 && ipv6) else { throw ValidationError("give -4 or -6, not both") }
        guard try parseDuration(interval, option: "--interval") >= ICMPCheckConfiguration.minimumInterval else {
            throw ValidationError("--interval must be at least 10ms")
        }
    }

    func run() async throws {
        let family: IPFamily? = ipv4 ? .ipv4 : ipv6 ? .ipv6 : nil
        let check = ICMPCheckConfiguration(
            host: host,
            ping: PingSettings(
                packets: packets, interval: try parseDuration(interval, option: "--interval"),
                timeout: try parseDuration(packetTimeout, option: "--packet-timeout"), payloadSize: size,
                family: family))
        var logger = Logger(label: "vedetta.probe")
        logger.logLevel = .error
        let report = await DeviceProbeRun.run(icmp: check, device: device, logger: logger)
        if json {
            print(try jsonText(report))
        } else {
            print(DeviceProbeCommand.text(report))
        }
        if !report.up { throw ExitCode(1) }
    }
}
