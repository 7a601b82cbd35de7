public import CurlKit
public import Logging
import VedettaConfig
public import VedettaCore
public import VedettaProbes

/// An HTTP(S) check: one request per run, judged by status code, optional body text and optional conditions on a
/// JSON body, with phase timings, response size, redirects, the certificate's expiry and chosen JSON values as
/// samples.
///
/// Transport failures become typed probe failures: timeouts (and cancellation past the deadline) are
/// `.timeout`, DNS and connect failures `.unreachable`, TLS failures `.authentication`, an answer that is not
/// HTTP `.malformedResponse`. A status the check does not accept, or a body without the expected text, is
/// `.unexpectedResponse`.
public struct HTTPProbe: Probe {
    /// What to request and what counts as up.
    public let check: HTTPCheckConfiguration
    private let engine: CurlEngine
    /// The label sets of the `http_duration_seconds` samples, made once for the target's labels.
    let phaseLabelSets = PhaseLabelSets(phases: HTTPProbe.phaseOrder)

    /// Always ``VedettaProbes/ProbeKind/http``.
    public var kind: ProbeKind { .http }
    /// `true`: the transfer's timeout is the time left before the deadline.
    public var finishesByDeadline: Bool { true }

    /// Creates the probe.
    /// - Parameters:
    ///   - check: The check configuration (URL, method, accepted statuses, body text, headers, TLS).
    ///   - engine: The shared curl engine that performs the requests.
    public init(check: HTTPCheckConfiguration, engine: CurlEngine) {
        self.check = check
        self.engine = engine
    }

    /// Requests ``check``'s URL once, with whatever time is left until `deadline` as the timeout.
    /// - Parameters:
    ///   - target: The device; its labels go on every sample.
    ///   - deadline: When the request must have finished.
    ///   - logger: A logger carrying `probe.target`.
    /// - Returns: Success when the status is accepted and the body matches; samples whenever a response came.
    public func probe(_ target: Target, deadline: ContinuousClock.Instant, logger: Logger) async -> ProbeResult {
        let timeout = ContinuousClock.now.duration(to: deadline)
        guard timeout > .zero else {
            return ProbeResult(outcome: .failure(ProbeFailure(.timeout, "no time left to request \(check.url)")))
        }
        let response: HTTPResponse
        do {
            response = try await engine.perform(makeRequest(timeout: timeout), logger: logger)
        } catch {
            return ProbeResult(outcome: .failure(Self.failure(for: error)))
        }
        let bodyMatched = check.bodyContains.map { response.bodyText.contains($0) }
        let json = check.readsJSON ? JSONCheck(check, body: response.body) : nil
        let phases = Self.phases(response.timings)
        return ProbeResult(
            outcome: outcome(response, bodyMatched: bodyMatched, json: json),
            samples: samples(response, phases: phases, bodyMatched: bodyMatched, json: json, labels: target.labels),
            phases: phases
        )
    }

    func makeRequest(timeout: Duration) -> HTTPRequest {
        var headers = check.headers.sorted { $0.key < $1.key }.map { HTTPHeader(name: $0.key, value: $0.value) }
        if let authorization = check.authorization {
            headers.append(HTTPHeader(name: "Authorization", value: authorization.headerValue))
        }
        return HTTPRequest(
            url: check.url,
            method: check.method,
            headers: headers,
            body: check.body.map { Array($0.utf8) },
            timeout: timeout,
            verifyTLS: check.verifyTLS,
            clientCertificate: check.clientCertificate,
            followRedirects: check.followRedirects,
            maxRedirects: check.maxRedirects
        )
    }

    func outcome(_ response: HTTPResponse, bodyMatched: Bool?, json: JSONCheck? = nil) -> ProbeOutcome {
        guard check.accepts(status: response.status) else {
            let expected =
                check.expectedStatus.isEmpty
                ? "2xx or 3xx" : check.expectedStatus.map(String.init).joined(separator: ", ")
            return .failure(
                ProbeFailure(.unexpectedResponse, "\(check.url) answered HTTP \(response.status), expected \(expected)")
            )
        }
        if bodyMatched == false, let text = check.bodyContains {
            let cut = response.bodyTruncated ? " (first \(response.body.count) bytes checked)" : ""
            return .failure(
                ProbeFailure(.unexpectedResponse, "\(check.url) answered without \"\(text)\" in its body\(cut)")
            )
        }
        if let problem = json?.problem(truncated: response.bodyTruncated) {
            return .failure(ProbeFailure(.unexpectedResponse, "\(check.url) answered \(problem)"))
        }
        return .success
    }
}
