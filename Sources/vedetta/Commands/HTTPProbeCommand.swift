import ArgumentParser
import Foundation
import HTTPProbe
import Logging
import VedettaAgent

/// `vedetta probe http URL`.
struct HTTPProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http",
        abstract: "HTTP(S) request; prints the status and the time spent in each phase."
    )

    @Argument(help: "The URL (http:// or https://).")
    var url: String
    @Option(name: [.customShort("X"), .long], help: "HTTP method: GET, HEAD, POST, PUT, DELETE, OPTIONS or PATCH.")
    var method: String = "GET"
    @Option(name: [.customShort("H"), .long], help: "Extra header \"Name: value\" (repeatable).")
    var header: [String] = []
    @Option(help: "Timeout for the whole request, e.g. 10s.")
    var timeout: String = "10s"
    @Flag(help: "Do not verify the server certificate.")
    var insecure = false
    @Option(help: "The most redirects followed; 0 does not follow any.")
    var maxRedirects: Int = 10
    @Option(help: "Extra CA bundle (PEM) to trust.")
    var caFile: String?
    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard HTTPCheckConfiguration.methods.contains(method.uppercased()) else {
            throw ValidationError(
                "invalid -X/--method \"\(method)\"; use "
                    + HTTPCheckConfiguration.methods.joined(separator: ", "))
        }
        guard maxRedirects >= 0 else { throw ValidationError("--max-redirects must not be negative") }
    }

    func run() async throws {
        let settings = HTTPQuery.Settings(
            url: url,
            method: method.uppercased(),
            timeout: try parseDuration(timeout, option: "--timeout"),
            verifyTLS: !insecure,
            caFile: caFile,
            headers: header,
            maxRedirects: maxRedirects
        )
        let report: HTTPQuery.Report
        do {
            report = try await HTTPQuery.run(settings, logger: Logger(label: "vedetta.probe"))
        } catch {
            printError("vedetta probe http: \(error)")
            throw ExitCode(1)
        }
        if json {
            print(try jsonText(report))
            return
        }
        print("\(settings.method) \(report.url) -> \(report.status) (\(report.httpVersion), \(report.bodyBytes) bytes)")
        if report.redirects > 0 {
            print("  after \(report.redirects) redirect(s): \(report.effectiveURL)")
        }
        for phase in report.phases {
            let milliseconds = String(format: "%.3f", phase.seconds * 1000)
            print("  \(phase.name.padding(toLength: 11, withPad: " ", startingAt: 0)) \(milliseconds) ms")
        }
        if let expiry = report.tlsCertificateExpiry {
            let days = Int(expiry.timeIntervalSinceNow / 86_400)
            print("  certificate expires \(expiry.formatted(.iso8601)) (in \(days) days)")
        }
    }
}
