import CurlKit
import HTTPProbe
import Testing
import VedettaConfig
import VedettaCore
import VedettaProbes
import VedettaTestSupport

@Suite("HTTPProbe", .tags(.httpServer))
struct HTTPProbeTests {
    let engine = CurlEngine(logger: testLogger)

    private func run(
        _ check: HTTPCheckConfiguration,
        timeout: Duration = .seconds(30)
    ) async -> (result: ProbeResult, target: Target) {
        let target = Target(device: DeviceID("web-1"), address: check.url, labels: ["site": "lab"])
        let probe = HTTPProbe(check: check, engine: engine)
        #expect(probe.kind == .http)
        let result = await probe.probe(target, deadline: .now + timeout, logger: testLogger)
        return (result, target)
    }

    private func value(_ name: String, in result: ProbeResult, phase: String? = nil) -> Double? {
        result.samples.first { $0.name == name && $0.labels["phase"] == phase }?.value
    }

    @Test("an accepted status succeeds with every sample carrying the target's labels")
    func acceptedStatus() async throws {
        let server = try await HTTPServerFixture.start()
        let (result, target) = await run(HTTPCheckConfiguration(url: server.url("/ok")))
        #expect(result.outcome == .success)
        #expect(value("http_status_code", in: result) == 200)
        #expect(value("http_response_size_bytes", in: result) == 2)
        #expect(value("http_redirects", in: result) == 0)
        #expect(value("http_body_matched", in: result) == nil)
        for phase in ["resolve", "connect", "tls", "first_byte", "transfer", "total"] {
            #expect(value("http_duration_seconds", in: result, phase: phase) != nil, "phase \(phase)")
        }
        #expect(try #require(value("http_duration_seconds", in: result, phase: "total")) > 0)
        for sample in result.samples {
            #expect(sample.labels.removing(["phase"]) == target.labels, "\(sample.seriesKey)")
            #expect(sample.labels["device"] == "web-1")
            #expect(sample.labels["site"] == "lab")
        }
        #expect(result.phases[.total].map { $0 > .zero } == true)
        #expect(result.phases.count == 6)
    }

    @Test("a status outside the accepted set fails with unexpectedResponse, still with samples")
    func unacceptedStatus() async throws {
        let server = try await HTTPServerFixture.start()
        let (result, _) = await run(HTTPCheckConfiguration(url: server.url("/status/503")))
        guard case .failure(let failure) = result.outcome else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.code == .unexpectedResponse)
        #expect(failure.message.contains("503"))
        #expect(value("http_status_code", in: result) == 503)
    }

    @Test("expect_status replaces the default 2xx/3xx rule")
    func expectedStatusList() async throws {
        let server = try await HTTPServerFixture.start()
        let notFound = await run(HTTPCheckConfiguration(url: server.url("/status/404"), expectedStatus: [404])).result
        #expect(notFound.outcome == .success)
        let ok = await run(HTTPCheckConfiguration(url: server.url("/ok"), expectedStatus: [204])).result
        #expect(!ok.succeeded)
    }

    @Test("body_contains matching succeeds and reports http_body_matched 1")
    func bodyMatches() async throws {
        let server = try await HTTPServerFixture.start()
        let (result, _) = await run(HTTPCheckConfiguration(url: server.url("/status/200"), bodyContains: "status"))
        #expect(result.outcome == .success)
        #expect(value("http_body_matched", in: result) == 1)
    }

    @Test("body_contains not matching fails with unexpectedResponse and http_body_matched 0")
    func bodyMismatch() async throws {
        let server = try await HTTPServerFixture.start()
        let (result, _) = await run(HTTPCheckConfiguration(url: server.url("/ok"), bodyContains: "healthy"))
        guard case .failure(let failure) = result.outcome else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.code == .unexpectedResponse)
        #expect(failure.message.contains("healthy"))
        #expect(value("http_body_matched", in: result) == 0)
    }

    @Test("redirects are counted")
    func redirectsCounted() async throws {
        let server = try await HTTPServerFixture.start()
        let (result, _) = await run(HTTPCheckConfiguration(url: server.url("/redirect/2")))
        #expect(result.outcome == .success)
        #expect(value("http_redirects", in: result) == 3)
    }

    @Test("max_redirects bounds the chain: one more than allowed fails with the option named")
    func redirectLimit() async throws {
        let server = try await HTTPServerFixture.start()
        let (limited, _) = await run(HTTPCheckConfiguration(url: server.url("/redirect/2"), maxRedirects: 2))
        guard case .failure(let failure) = limited.outcome else {
            Issue.record("expected a failure, got \(limited.outcome)")
            return
        }
        #expect(failure.code == .other)
        #expect(failure.message.contains("too many redirects"))
        #expect(failure.message.contains("max_redirects"))
        let (allowed, _) = await run(HTTPCheckConfiguration(url: server.url("/redirect/2"), maxRedirects: 3))
        #expect(allowed.outcome == .success)
    }

    @Test("configured headers and method reach the server")
    func headersAndMethod() async throws {
        let server = try await HTTPServerFixture.start()
        let check = HTTPCheckConfiguration(url: server.url("/ok"), method: "HEAD", headers: ["X-Probe": "vedetta"])
        #expect(await run(check).result.outcome == .success)
        let recorded = try #require(try server.recordedRequests().first)
        #expect(recorded.method == "HEAD")
        #expect(recorded.header("x-probe") == "vedetta")
    }

    @Test("a refused connection is unreachable, with no samples")
    func unreachable() async throws {
        let port = try Ports.freePort()
        let (result, _) = await run(HTTPCheckConfiguration(url: "http://127.0.0.1:\(port)/"))
        #expect(result.outcome.failureCode == .unreachable)
        #expect(result.samples.isEmpty)
    }

    @Test("a server slower than the deadline is a timeout")
    func timeout() async throws {
        let server = try await HTTPServerFixture.start()
        let (result, _) = await run(HTTPCheckConfiguration(url: server.url("/slow/30000")), timeout: .milliseconds(500))
        #expect(result.outcome.failureCode == .timeout)
    }

    @Test("a deadline already past is a timeout without a request")
    func deadlinePassed() async throws {
        let server = try await HTTPServerFixture.start()
        let (result, _) = await run(HTTPCheckConfiguration(url: server.url("/ok")), timeout: .seconds(-1))
        #expect(result.outcome.failureCode == .timeout)
        #expect(try server.recordedRequests().isEmpty)
    }

    @Test("an untrusted certificate is an authentication failure")
    func untrustedCertificate() async throws {
        let server = try await HTTPServerFixture.start(tls: true)
        let (result, _) = await run(HTTPCheckConfiguration(url: server.url("/ok")))
        #expect(result.outcome.failureCode == .authentication)
    }

    @Test("with tls_verify off, HTTPS succeeds and reports the certificate expiry and a TLS phase")
    func tlsVerifyOff() async throws {
        let server = try await HTTPServerFixture.start(tls: true)
        let (result, _) = await run(HTTPCheckConfiguration(url: server.url("/ok"), verifyTLS: false))
        #expect(result.outcome == .success)
        let expiry = try #require(value("http_tls_certificate_expiry_timestamp_seconds", in: result))
        #expect(expiry > 1_700_000_000)
        #expect(try #require(value("http_duration_seconds", in: result, phase: "tls")) > 0)
    }
}

extension ProbeOutcome {
    fileprivate var failureCode: ProbeFailure.Code? {
        if case .failure(let failure) = self { return failure.code }
        return nil
    }
}
