import CurlKit
import Foundation
import Testing
import VedettaTestSupport

@Suite("CurlEngine over HTTPS", .tags(.httpServer))
struct CurlEngineTLSTests {
    let engine = CurlEngine(logger: testLogger)

    @Test("a self-signed certificate fails verification without its CA")
    func verificationFails() async throws {
        let server = try await HTTPServerFixture.start(tls: true)
        let error = await expectFailure(engine, HTTPRequest(url: server.url("/ok")))
        #expect(error?.code == .tls)
        #expect(error?.description.contains("certificate") == true)
    }

    @Test("trusting the certificate as CA file verifies it, with a TLS phase and the expiry date")
    func verifiesWithCAFile() async throws {
        let server = try await HTTPServerFixture.start(tls: true)
        let certificate = try #require(server.certificate)
        let response = try await engine.perform(
            HTTPRequest(url: server.url("/ok"), caFile: certificate.certificatePath), logger: testLogger)
        #expect(response.status == 200)
        #expect(response.timings.tls > .zero)
        let notAfter = try #require(response.tlsCertificateNotAfter)
        let now = Date()
        #expect(notAfter > now)
        #expect(notAfter < now.addingTimeInterval(Double(certificate.validDays + 1) * 86_400))
    }

    @Test("with verification off, the self-signed certificate is accepted")
    func verificationOff() async throws {
        let server = try await HTTPServerFixture.start(tls: true)
        let response = try await engine.perform(
            HTTPRequest(url: server.url("/ok"), verifyTLS: false), logger: testLogger)
        #expect(response.status == 200)
        #expect(response.bodyText == "ok")
        #expect(response.timings.tls > .zero)
    }

    @Test("HTTPS to a plain HTTP server fails with a TLS error")
    func httpsToPlainServer() async throws {
        let server = try await HTTPServerFixture.start()
        let error = await expectFailure(engine, HTTPRequest(url: "https://127.0.0.1:\(server.port)/ok"))
        #expect(error?.code == .tls)
    }

    @Test("the recorder works over HTTPS too")
    func recorderOverHTTPS() async throws {
        let server = try await HTTPServerFixture.start(tls: true)
        let request = HTTPRequest(url: server.url("/hook"), method: "POST", body: Array("hi".utf8), verifyTLS: false)
        try server.failNext(1)
        #expect(try await engine.perform(request, logger: testLogger).status == 503)
        #expect(try await engine.perform(request, logger: testLogger).status == 200)
        let recorded = try server.recordedRequests()
        #expect(recorded.map(\.status) == [503, 200])
        #expect(recorded.map(\.body) == ["hi", "hi"])
        try server.clearRecordedRequests()
        #expect(try server.recordedRequests().isEmpty)
    }
}
