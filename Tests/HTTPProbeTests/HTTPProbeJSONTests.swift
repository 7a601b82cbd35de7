import CurlKit
import Foundation
import HTTPProbe
import Testing
import VedettaConfig
import VedettaCore
import VedettaProbes
import VedettaTestSupport

@Suite("HTTPProbe: JSON assertions and values, request body, authentication", .tags(.httpServer))
struct HTTPProbeJSONTests {
    let engine = CurlEngine(logger: testLogger)

    private func run(_ check: HTTPCheckConfiguration) async -> ProbeResult {
        let target = Target(device: DeviceID("crm"), address: check.url, labels: ["site": "lab"])
        return await HTTPProbe(check: check, engine: engine).probe(
            target, deadline: .now + .seconds(30), logger: testLogger)
    }

    private func sample(_ name: String, field: String? = nil, in result: ProbeResult) -> Double? {
        result.samples.first { $0.name == name && $0.labels["field"] == field }?.value
    }

    private func failureOf(_ result: ProbeResult) -> ProbeFailure? {
        if case .failure(let failure) = result.outcome { return failure }
        return nil
    }

    private static func check(_ url: String, assert: [String] = [], values: [String: String] = [:]) throws
        -> HTTPCheckConfiguration
    {
        HTTPCheckConfiguration(
            url: url, jsonAssertions: try assert.map { try JSONAssertion(parsing: $0) },
            jsonValues: try values.sorted { $0.key < $1.key }.map {
                JSONField(name: $0.key, path: try JSONPath(parsing: $0.value))
            })
    }

    static let assertions = [
        "$.status == \"ok\"", "$.queue.waiting < 20", "$.version =~ \"^2\\\\.\"", "$.queue.agents[0].ready",
        "$['uptime'] >= 60",
    ]
    static let values = [
        "queue_waiting": "$.queue.waiting", "first_agent_ready": "$.queue.agents[0].ready",
        "last_agent_ready": "$.queue.agents[-1].ready", "status": "$.status", "missing": "$.nothing.here",
    ]

    @Test("a healthy document passes every assertion; numbers and booleans become http_json_value samples")
    func healthy() async throws {
        let server = try await HTTPServerFixture.start()
        let result = await run(
            try Self.check(server.url("/json/healthy"), assert: Self.assertions, values: Self.values))
        #expect(result.outcome == .success)
        #expect(sample("http_json_matched", in: result) == 1)
        #expect(sample("http_json_value", field: "queue_waiting", in: result) == 7)
        #expect(sample("http_json_value", field: "first_agent_ready", in: result) == 1)
        #expect(sample("http_json_value", field: "last_agent_ready", in: result) == 0)
        #expect(sample("http_json_value", field: "status", in: result) == nil, "a string is not a sample")
        #expect(sample("http_json_value", field: "missing", in: result) == nil)
    }

    @Test("a degraded document fails on the first assertion that does not hold, naming the value it saw")
    func degraded() async throws {
        let server = try await HTTPServerFixture.start()
        let result = await run(
            try Self.check(server.url("/json/degraded"), assert: Self.assertions, values: Self.values))
        let failure = try #require(failureOf(result))
        #expect(failure.code == .unexpectedResponse)
        #expect(
            failure.message.hasSuffix("answered JSON where $.status == \"ok\" does not hold: $.status is \"degraded\""))
        #expect(sample("http_json_matched", in: result) == 0)
        #expect(
            sample("http_json_value", field: "queue_waiting", in: result) == 27, "values are exported on failure too")

        let waiting = await run(try Self.check(server.url("/json/degraded"), assert: ["$.queue.waiting < 20"]))
        #expect(
            try #require(failureOf(waiting)).message.hasSuffix(
                "$.queue.waiting < 20 does not hold: $.queue.waiting is 27"))
        let absent = await run(try Self.check(server.url("/json/healthy"), assert: ["$.queue.paused"]))
        #expect(
            try #require(failureOf(absent)).message.hasSuffix("$.queue.paused does not hold: $.queue.paused is missing")
        )
    }

    @Test("a body that is not JSON fails the assertions")
    func notJSON() async throws {
        let server = try await HTTPServerFixture.start()
        let result = await run(try Self.check(server.url("/json/broken"), assert: ["$.status == \"ok\""]))
        #expect(try #require(failureOf(result)).message.hasSuffix("answered a body that is not JSON"))
        #expect(sample("http_json_matched", in: result) == 0)
    }

    @Test("a request body is sent; basic and bearer authentication are accepted, and refused without them")
    func bodyAndAuthentication() async throws {
        let server = try await HTTPServerFixture.start()
        var post = HTTPCheckConfiguration(url: server.url("/login"), method: "POST")
        post.body = "{\"probe\": true}"
        post.headers = ["Content-Type": "application/json"]
        #expect(await run(post).outcome == .success)
        let recorded = try #require(try server.recordedRequests().last)
        #expect(recorded.method == "POST")
        #expect(recorded.body == "{\"probe\": true}")

        var basic = HTTPCheckConfiguration(url: server.url("/auth/basic"))
        #expect(failureOf(await run(basic))?.message.contains("401") == true)
        basic.authorization = .basic(username: "monitor", password: Secret("s3cret pass"))
        #expect(await run(basic).outcome == .success)

        var bearer = HTTPCheckConfiguration(url: server.url("/auth/bearer"))
        bearer.authorization = .bearer(Secret("tok-123"))
        #expect(await run(bearer).outcome == .success)
        bearer.authorization = .bearer(Secret("wrong"))
        #expect(failureOf(await run(bearer))?.message.contains("401") == true)
    }

    @Test("a server that asks for a client certificate takes the configured one, and refuses a check without it")
    func clientCertificate() async throws {
        let server = try await HTTPServerFixture.start(tls: true, requireClientCertificate: true)
        let certificate = try #require(server.certificate)
        var check = HTTPCheckConfiguration(url: server.url("/ok"))
        check.verifyTLS = false
        // Under TLS 1.3 the server refuses after the handshake, which libcurl reports in several ways: a failure.
        #expect(failureOf(await run(check)) != nil)
        check.clientCertificate = ClientCertificate(
            certificateFile: certificate.certificatePath, keyFile: certificate.keyPath)
        #expect(await run(check).outcome == .success)
    }

    @Test("HTTPS answers carry the certificate's remaining validity")
    func certificateValidity() async throws {
        let server = try await HTTPServerFixture.start(tls: true)
        var check = HTTPCheckConfiguration(url: server.url("/ok"))
        check.verifyTLS = false
        let result = await run(check)
        let expiry = try #require(sample("http_tls_certificate_expiry_timestamp_seconds", in: result))
        let valid = try #require(sample("http_tls_certificate_valid_seconds", in: result))
        #expect(abs(expiry - Date().timeIntervalSince1970 - valid) < 5)
        #expect(valid > 0)
    }

    @Test("assertions and paths parse as written, and refuse what they cannot mean")
    func parsing() throws {
        let assertion = try JSONAssertion(parsing: "$.queue.waiting <= 20")
        #expect(assertion.path.steps == [.member("queue"), .member("waiting")])
        #expect(try JSONPath(parsing: "$['odd key'][2][-1]").steps == [.member("odd key"), .index(2), .index(-1)])
        for bad in [
            "status == 1", "$.status = \"ok\"", "$.waiting < \"ten\"", "$.status =~ 3", "$.a[x]", "$.", "$.s == ok",
        ] {
            #expect(throws: JSONPath.ParseError.self, "\(bad)") { try JSONAssertion(parsing: bad) }
        }
    }
}
