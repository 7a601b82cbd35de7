import CurlKit
import Testing
import VedettaTestSupport

@Suite("CurlEngine over plain HTTP", .tags(.httpServer))
struct CurlEngineTests {
    let engine = CurlEngine(logger: testLogger)

    @Test("GET returns status, body, headers and phase timings that add up to the total")
    func getWithTimings() async throws {
        let server = try await HTTPServerFixture.start()
        let response = try await engine.perform(HTTPRequest(url: server.url("/ok")), logger: testLogger)
        #expect(response.status == 200)
        #expect(response.bodyText == "ok")
        #expect(response.headers.value(named: "content-length") == "2")
        #expect(response.httpVersion == "1.1")
        #expect(response.redirectCount == 0)
        #expect(!response.bodyTruncated)
        let timings = response.timings
        #expect(timings.total > .zero)
        #expect(timings.tls == .zero)
        let sum = timings.resolve + timings.connect + timings.tls + timings.firstByte + timings.transfer
        #expect(sum - timings.total < .milliseconds(1) && timings.total - sum < .milliseconds(1))
    }

    @Test("an HTTP error status is a response, not an error")
    func errorStatusIsResponse() async throws {
        let server = try await HTTPServerFixture.start()
        let response = try await engine.perform(HTTPRequest(url: server.url("/status/503")), logger: testLogger)
        #expect(response.status == 503)
        #expect(response.bodyText == "status 503")
    }

    @Test("a port with nothing listening fails with couldNotConnect")
    func connectionRefused() async throws {
        let port = try Ports.freePort()
        let error = await expectFailure(engine, HTTPRequest(url: "http://127.0.0.1:\(port)/", timeout: .seconds(20)))
        #expect(error?.code == .couldNotConnect)
        #expect(error?.description.contains("127.0.0.1:\(port)") == true)
    }

    @Test("a slow server times out while a concurrent request to a fast route completes")
    func timeoutDoesNotBlockOthers() async throws {
        let server = try await HTTPServerFixture.start()
        async let slow = expectFailure(engine, HTTPRequest(url: server.url("/slow/30000"), timeout: .milliseconds(500)))
        async let fast = engine.perform(HTTPRequest(url: server.url("/ok"), timeout: .seconds(30)), logger: testLogger)
        let fastResponse = try await fast
        #expect(fastResponse.status == 200)
        let slowError = await slow
        #expect(slowError?.code == .timeout)
    }

    @Test("cancelling the awaiting task removes the transfer and throws cancelled")
    func cancellation() async throws {
        let server = try await HTTPServerFixture.start()
        let engine = self.engine
        let request = HTTPRequest(url: server.url("/slow/60000"), timeout: .seconds(120))
        let task = Task { await expectFailure(engine, request) }
        _ = try await server.waitForRequests(atLeast: 1)
        task.cancel()
        #expect(await task.value?.code == .cancelled)
    }

    @Test("a task cancelled before it starts the transfer throws cancelled")
    func cancelledBeforeStart() async throws {
        let server = try await HTTPServerFixture.start()
        let engine = self.engine
        let request = HTTPRequest(url: server.url("/slow/60000"), timeout: .seconds(120))
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await expectFailure(engine, request)
        }
        #expect(await task.value?.code == .cancelled)
    }

    @Test("POST sends its body and headers, which the server records")
    func postBodyIsRecorded() async throws {
        let server = try await HTTPServerFixture.start()
        let request = HTTPRequest(
            url: server.url("/hook"),
            method: "POST",
            headers: [HTTPHeader(name: "Content-Type", value: "application/json")],
            body: Array(#"{"event":"down"}"#.utf8)
        )
        let response = try await engine.perform(request, logger: testLogger)
        #expect(response.status == 200)
        let recorded = try #require(try server.recordedRequests().first)
        #expect(recorded.method == "POST")
        #expect(recorded.path == "/hook")
        #expect(recorded.body == #"{"event":"down"}"#)
        #expect(recorded.header("Content-Type") == "application/json")
        #expect(recorded.header("User-Agent") == "Vedetta/0.1")
    }

    @Test("each method reaches the server as sent", arguments: ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"])
    func methods(method: String) async throws {
        let server = try await HTTPServerFixture.start()
        let body: [UInt8]? = method == "PUT" || method == "PATCH" ? Array("payload".utf8) : nil
        let response = try await engine.perform(
            HTTPRequest(url: server.url("/ok"), method: method, body: body), logger: testLogger)
        #expect(response.status == 200)
        #expect(response.bodyText == (method == "HEAD" ? "" : "ok"))
        let recorded = try #require(try server.recordedRequests().first)
        #expect(recorded.method == method)
        #expect(recorded.body == (body == nil ? "" : "payload"))
    }

    @Test("redirects are followed to the final response, or returned when not followed")
    func redirects() async throws {
        let server = try await HTTPServerFixture.start()
        let followed = try await engine.perform(HTTPRequest(url: server.url("/redirect")), logger: testLogger)
        #expect(followed.status == 200)
        #expect(followed.redirectCount == 1)
        #expect(followed.effectiveURL == server.url("/ok"))
        #expect(followed.bodyText == "ok")

        let notFollowed = try await engine.perform(
            HTTPRequest(url: server.url("/redirect"), followRedirects: false), logger: testLogger)
        #expect(notFollowed.status == 302)
        #expect(notFollowed.headers.value(named: "Location") == "/ok")
    }

    @Test("a server that stops refuses connections, and answers again when restarted on its port")
    func serverComesBack() async throws {
        let server = try await HTTPServerFixture.start()
        server.stop()
        let down = await expectFailure(engine, HTTPRequest(url: server.url("/ok")))
        #expect(down?.code == .couldNotConnect)
        let again = try await HTTPServerFixture.start(port: server.port)
        #expect(try await engine.perform(HTTPRequest(url: again.url("/ok")), logger: testLogger).status == 200)
    }

    @Test("more redirects than allowed fail with tooManyRedirects")
    func tooManyRedirects() async throws {
        let server = try await HTTPServerFixture.start()
        let error = await expectFailure(engine, HTTPRequest(url: server.url("/redirect/5"), maxRedirects: 2))
        #expect(error?.code == .tooManyRedirects)
    }

    @Test("a body over the limit is truncated, not an error")
    func bodyLimit() async throws {
        let server = try await HTTPServerFixture.start()
        let cut = try await engine.perform(
            HTTPRequest(url: server.url("/big/200000"), maxBodyBytes: 1000), logger: testLogger)
        #expect(cut.status == 200)
        #expect(cut.body.count == 1000)
        #expect(cut.bodyTruncated)

        let whole = try await engine.perform(HTTPRequest(url: server.url("/big/200000")), logger: testLogger)
        #expect(whole.body.count == 200_000)
        #expect(!whole.bodyTruncated)
    }

    @Test("URLs other than http and https are refused")
    func onlyHTTP() async {
        let error = await expectFailure(engine, HTTPRequest(url: "file:///etc/hostname"))
        #expect(error?.code == .invalidRequest)
    }

    @Test("shutdown cancels transfers in flight and refuses new ones")
    func shutdown() async throws {
        let server = try await HTTPServerFixture.start()
        let engine = CurlEngine(logger: testLogger)
        async let inFlight = expectFailure(engine, HTTPRequest(url: server.url("/slow/60000"), timeout: .seconds(120)))
        _ = try await server.waitForRequests(atLeast: 1)
        engine.shutdown()
        #expect(await inFlight?.code == .cancelled)
        let late = await expectFailure(engine, HTTPRequest(url: server.url("/ok")))
        #expect(late?.code == .cancelled)
        engine.shutdown()  // idempotent
    }

    @Test("many transfers run at once")
    func manyConcurrent() async throws {
        let server = try await HTTPServerFixture.start()
        let engine = self.engine
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<20 {
                group.addTask {
                    try await engine.perform(HTTPRequest(url: server.url("/status/\(200 + index)")), logger: testLogger)
                        .status
                }
            }
            return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
        }
        #expect(statuses == Set(200..<220))
    }
}
