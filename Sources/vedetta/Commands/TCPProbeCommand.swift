import ArgumentParser
import Logging
import SocketKit
import TCPKit
import TCPProbe
import VedettaAgent
import VedettaCore

/// `vedetta probe tcp HOST:PORT`.
struct TCPProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tcp",
        abstract: "Connect to a TCP port as a tcp check would, and print what is recorded.",
        discussion: """
            Connects, optionally makes a TLS handshake and checks the certificate, optionally sends text and waits \
            for the answer to contain the expected text. Prints the outcome and every sample (connect time, TLS \
            handshake, certificate expiry, response time). Exits 0 when every step succeeded, 1 otherwise.
            Examples: vedetta probe tcp 192.0.2.10:22 --expect SSH-
                      vedetta probe tcp mail.example.com:465 --tls --expect "220 " --send 'QUIT\\r\\n'
            """
    )

    @Argument(help: "host:port or [IPv6]:port.")
    var address: String
    @Flag(help: "Make a TLS handshake after connecting.")
    var tls = false
    @Flag(help: "With --tls: do not check the certificate (its expiry is still reported).")
    var insecure = false
    @Option(name: .customLong("server-name"), help: "With --tls: the name for SNI and the certificate check.")
    var serverName: String?
    @Option(name: .customLong("ca-file"), help: "With --tls: a PEM file of extra CAs to trust.")
    var caFile: String?
    @Option(help: "Text to send once connected; \\r, \\n and \\t are written as such.")
    var send: String?
    @Option(help: "Text the answer must contain, e.g. SSH- or \"220 \".")
    var expect: String?
    @Option(help: "How long the whole check may take.")
    var timeout: String = "10s"
    @Option(help: "The device name to label the samples with.")
    var device: String = "cli"
    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard HostPort.parse(address, defaultPort: nil) != nil else {
            throw ValidationError("invalid address \"\(address)\"; use host:port or [IPv6]:port")
        }
        guard tls || (!insecure && serverName == nil && caFile == nil) else {
            throw ValidationError("--insecure, --server-name and --ca-file need --tls")
        }
    }

    func run() async throws {
        guard let target = HostPort.parse(address, defaultPort: nil) else { throw ExitCode(64) }
        let request = ConnectRequest(
            host: target.host, port: UInt16(clamping: target.port),
            tls: tls ? TLSSettings(verify: !insecure, serverName: serverName, caFile: caFile) : nil,
            send: send.map { Array(Self.unescaped($0).utf8) }, expect: expect.map { Array(Self.unescaped($0).utf8) })
        var logger = Logger(label: "vedetta.probe")
        logger.logLevel = .error
        let report = await DeviceProbeRun.run(
            tcp: TCPCheckConfiguration(request: request), device: device,
            timeout: try parseDuration(timeout, option: "--timeout"), logger: logger)
        if json {
            print(try jsonText(report))
        } else {
            print(DeviceProbeCommand.text(report))
        }
        if !report.up { throw ExitCode(1) }
    }

    /// `text` with `\r`, `\n`, `\t` and `\\` written as the characters they stand for.
    static func unescaped(_ text: String) -> String {
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "r": result.append("\r")
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
