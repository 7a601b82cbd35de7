import CurlKit
public import Foundation
public import Logging
import VedettaCore
import VedettaProbes

/// One-off HTTP(S) requests for `vedetta probe http`, through the same libcurl engine as the agent.
public enum HTTPQuery {
    /// Request settings.
    public struct Settings: Sendable {
        /// The URL.
        public var url: String
        /// The method.
        public var method: String
        /// The timeout for the whole request.
        public var timeout: Duration
        /// Whether to verify the server certificate.
        public var verifyTLS: Bool
        /// An extra CA bundle (PEM).
        public var caFile: String?
        /// Extra headers as `Name: value`.
        public var headers: [String]
        /// The most redirects followed (0: none).
        public var maxRedirects: Int

        /// Creates settings.
        public init(
            url: String,
            method: String,
            timeout: Duration,
            verifyTLS: Bool,
            caFile: String?,
            headers: [String],
            maxRedirects: Int = 10
        ) {
            self.url = url
            self.method = method
            self.timeout = timeout
            self.verifyTLS = verifyTLS
            self.caFile = caFile
            self.headers = headers
            self.maxRedirects = maxRedirects
        }
    }

    /// What came back, ready to print.
    public struct Report: Sendable, Codable, Equatable {
        /// The URL requested.
        public var url: String
        /// The URL after redirects.
        public var effectiveURL: String
        /// The status code.
        public var status: Int
        /// The HTTP version of the final response, as the status line writes it: `HTTP/1.1`, `HTTP/2`.
        public var httpVersion: String
        /// Body size in bytes.
        public var bodyBytes: Int
        /// Redirects followed.
        public var redirects: Int
        /// Phase durations in seconds: resolve, connect, tls, first_byte, transfer, total.
        public var phases: [Phase]
        /// When the server's certificate expires (HTTPS), if libcurl reported it.
        public var tlsCertificateExpiry: Date?

        /// One phase.
        public struct Phase: Sendable, Codable, Equatable {
            /// The phase name.
            public var name: String
            /// Its duration in seconds.
            public var seconds: Double
        }

        enum CodingKeys: String, CodingKey {
            case url, status, redirects, phases
            case effectiveURL = "effective_url"
            case httpVersion = "http_version"
            case bodyBytes = "body_bytes"
            case tlsCertificateExpiry = "tls_certificate_expiry"
        }
    }

    /// Performs the request.
    /// - Throws: ``HTTPQueryError``; a transfer failure starts with the failure reason the HTTP probe would report (`timeout`,
    ///   `unreachable`, `authentication`, `malformed_response`, `other`), then curl's reason.
    /// - Returns: Status and phase timings.
    public static func run(_ settings: Settings, logger: Logger) async throws(HTTPQueryError) -> Report {
        var headers: [HTTPHeader] = []
        for line in settings.headers {
            guard let colon = line.firstIndex(of: ":") else {
                throw HTTPQueryError(
                    code: .invalidHeader, message: "invalid header \"\(line)\"; use \"Name: value\"", failure: nil)
            }
            headers.append(
                HTTPHeader(
                    name: String(line[..<colon]).trimmingWhitespace(),
                    value: String(line[line.index(after: colon)...]).trimmingWhitespace()
                )
            )
        }
        var request = HTTPRequest(
            url: settings.url, method: settings.method, headers: headers, timeout: settings.timeout)
        request.verifyTLS = settings.verifyTLS
        request.caFile = settings.caFile
        request.followRedirects = settings.maxRedirects > 0
        request.maxRedirects = settings.maxRedirects
        let engine = CurlEngine(logger: logger)
        defer { engine.shutdown() }
        let response: HTTPResponse
        do {
            response = try await engine.perform(request, logger: logger)
        } catch {
            let failure = HTTPProbe.failure(for: error)
            throw HTTPQueryError(code: .transfer, message: failure.description, failure: failure)
        }
        let timings = response.timings
        let phases: [(String, Duration)] = [
            ("resolve", timings.resolve), ("connect", timings.connect), ("tls", timings.tls),
            ("first_byte", timings.firstByte), ("transfer", timings.transfer), ("total", timings.total),
        ]
        return Report(
            url: settings.url,
            effectiveURL: response.effectiveURL,
            status: response.status,
            httpVersion: response.httpVersion.isEmpty ? "HTTP" : "HTTP/" + response.httpVersion,
            bodyBytes: response.body.count,
            redirects: response.redirectCount,
            phases: phases.map { Report.Phase(name: $0.0, seconds: $0.1.seconds) },
            tlsCertificateExpiry: response.tlsCertificateNotAfter
        )
    }
}
