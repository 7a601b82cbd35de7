import ArgumentParser
import Foundation
import Logging
import SIPKit
import SIPProbe
import TCPKit
import VedettaAgent

/// `vedetta probe sip URI`.
struct SIPProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sip",
        abstract: "Send SIP OPTIONS as a sip check would, and print what is recorded.",
        discussion: """
            Sends one OPTIONS request (over UDP with RFC 3261 retransmissions, or TCP, or TLS) and prints the \
            outcome and every sample: the final status code, the round-trip time, the retransmissions. Exits 0 \
            when the status is an expected one (any 2xx unless --expect-status says otherwise), 1 otherwise.
            Examples: vedetta probe sip sip:192.0.2.10
                      vedetta probe sip sip:trunk@sbc.example.com:5061 --transport tls --expect-status 200,404
            """
    )

    @Argument(help: "The SIP URI: sip:host, sip:host:port, sip:user@host:port or sips:…")
    var uri: String
    @Option(help: "udp, tcp or tls (default udp, tls for sips:).")
    var transport: String?
    @Option(name: .customLong("expect-status"), help: "Statuses that count as up, comma-separated (default any 2xx).")
    var expectStatus: String?
    @Flag(help: "With tls: do not check the certificate.")
    var insecure = false
    @Option(help: "How long to wait for the final response.")
    var timeout: String = "10s"
    @Option(help: "The device name to label the samples with.")
    var device: String = "cli"
    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard SIPURI(uri) != nil else {
            throw ValidationError("invalid SIP URI \"\(uri)\"; use sip:host, sip:host:port or sip:user@host:port")
        }
        if let transport, SIPOptionsRequest.Transport(rawValue: transport.lowercased()) == nil {
            throw ValidationError("invalid --transport \"\(transport)\"; use udp, tcp or tls")
        }
        _ = try codes()
    }

    func run() async throws {
        guard let parsed = SIPURI(uri) else { throw ExitCode(64) }
        let chosen =
            transport.flatMap { SIPOptionsRequest.Transport(rawValue: $0.lowercased()) }
            ?? (parsed.scheme == "sips" ? .tls : .udp)
        let request = SIPOptionsRequest(uri: parsed, transport: chosen, tls: TLSSettings(verify: !insecure))
        var logger = Logger(label: "vedetta.probe")
        logger.logLevel = .error
        let report = await DeviceProbeRun.run(
            sip: SIPCheckConfiguration(request: request, expectedStatus: try codes()), device: device,
            timeout: try parseDuration(timeout, option: "--timeout"), logger: logger)
        if json {
            print(try jsonText(report))
        } else {
            print(DeviceProbeCommand.text(report))
        }
        if !report.up { throw ExitCode(1) }
    }

    private func codes() throws -> [Int] {
        guard let expectStatus else { return [] }
        return try expectStatus.split(separator: ",").map { text in
            guard let code = Int(text.trimmingCharacters(in: .whitespaces)), (200...699).contains(code) else {
                throw ValidationError("invalid --expect-status \"\(expectStatus)\"; use codes 200-699, e.g. 200,404")
            }
            return code
        }
    }
}
