import Foundation
import Logging
import SocketKit
import TCPKit
import Testing
import VedettaTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The TCP engine against real servers on loopback: Python's HTTP server (plain and HTTPS with a test
/// certificate), aiosmtpd (plain and SMTPS), a closed port, and a host behind a link the test cuts.
@Suite("ConnectEngine checks real TCP servers")
struct ConnectEngineTests {
    let engine = ConnectEngine()

    private func check(_ request: ConnectRequest, within timeout: Duration = .seconds(5)) async throws(ConnectError)
        -> ConnectReport
    {
        try await engine.check(request, deadline: .now + timeout)
    }

    private func failure(_ request: ConnectRequest, within timeout: Duration = .seconds(5)) async -> ConnectError? {
        do {
            _ = try await check(request, within: timeout)
            return nil
        } catch {
            return error
        }
    }

    @Test("an open port connects; a closed one is refused at once")
    func openAndClosed() async throws {
        let server = try await HTTPServerFixture.start()
        let report = try await check(ConnectRequest(host: "127.0.0.1", port: UInt16(server.port)))
        #expect(report.address == "127.0.0.1")
        #expect(report.connect > .zero && report.connect < .seconds(5))
        #expect(report.tlsHandshake == nil && report.response == nil)

        let closed = try Ports.freePort()
        let refused = try #require(await failure(ConnectRequest(host: "127.0.0.1", port: UInt16(closed))))
        #expect(refused.code == .refused)
        #expect(refused.phase == "connect")
        #expect(refused.description == "127.0.0.1:\(closed): connection refused")
    }

    @Test("the SMTP banner matches \"220 \"; QUIT is answered 221; an SSH banner is waited for until the deadline")
    func banners() async throws {
        let smtp = try await SMTPServerFixture.start()
        let port = UInt16(smtp.port)
        let banner = try await check(ConnectRequest(host: "127.0.0.1", port: port, expect: Array("220 ".utf8)))
        #expect(banner.firstLine.hasPrefix("220 "))
        #expect(banner.response != nil)
        let quit = try await check(
            ConnectRequest(host: "127.0.0.1", port: port, send: Array("QUIT\r\n".utf8), expect: Array("221".utf8)))
        #expect(String(decoding: quit.received, as: UTF8.self).contains("221"))

        let wrong = try #require(
            await failure(
                ConnectRequest(host: "127.0.0.1", port: port, expect: Array("SSH-".utf8)), within: .milliseconds(800)))
        #expect(wrong.code == .timeout)
        #expect(wrong.phase == "response")
        #expect(wrong.detail.hasPrefix("timed out: \"220 "), "\(wrong.detail)")
    }

    @Test("a server that closes without the expected text fails with what it said")
    func closedEarly() async throws {
        let smtp = try await SMTPServerFixture.start()
        let error = try #require(
            await failure(
                ConnectRequest(
                    host: "127.0.0.1", port: UInt16(smtp.port), send: Array("QUIT\r\n".utf8),
                    expect: Array("never said".utf8))))
        #expect(error.code == .unexpectedAnswer)
        #expect(error.detail.hasPrefix("the server closed the connection after \"220 "), "\(error.detail)")
    }

    @Test("TLS: the handshake, the certificate's expiry, and every way the certificate can be refused")
    func tls() async throws {
        let server = try await HTTPServerFixture.start(tls: true)
        let certificate = try #require(server.certificate)
        let port = UInt16(server.port)
        let trusted = TLSSettings(caFile: certificate.certificatePath)
        let report = try await check(ConnectRequest(host: "127.0.0.1", port: port, tls: trusted))
        let handshake = try #require(report.tlsHandshake)
        #expect(handshake > .zero)
        let notAfter = try #require(report.certificateNotAfter)
        let expected = Date().addingTimeInterval(Double(certificate.validDays) * 86_400).timeIntervalSince1970
        #expect(abs(notAfter - expected) < 3_600, "the test certificate is valid for \(certificate.validDays) days")
        #expect(report.tlsVersion?.hasPrefix("TLSv1.") == true)
        _ = try await check(ConnectRequest(host: "localhost", port: port, family: .ipv4, tls: trusted))

        let untrusted = try #require(await failure(ConnectRequest(host: "127.0.0.1", port: port, tls: TLSSettings())))
        #expect(untrusted.code == .certificate)
        #expect(untrusted.detail == "certificate not trusted: self-signed certificate")
        #expect(untrusted.certificateNotAfter == notAfter, "the expiry is known even when the certificate is refused")

        let wrongName = try #require(
            await failure(
                ConnectRequest(
                    host: "127.0.0.1", port: port,
                    tls: TLSSettings(serverName: "crm.example.com", caFile: certificate.certificatePath))))
        #expect(wrongName.detail == "certificate not trusted: hostname mismatch")
        let unchecked = try await check(
            ConnectRequest(
                host: "127.0.0.1", port: port, tls: TLSSettings(verify: false, serverName: "crm.example.com")))
        #expect(unchecked.certificateNotAfter == notAfter)
    }

    @Test("TLS on a port that speaks plain HTTP fails the handshake; SMTPS answers its banner after TLS")
    func tlsMismatchAndBanner() async throws {
        let plain = try await HTTPServerFixture.start()
        let error = try #require(
            await failure(
                ConnectRequest(
                    host: "127.0.0.1", port: UInt16(plain.port), send: nil, expect: nil
                )
                .with(tls: TLSSettings(verify: false))))
        #expect(error.code == .tlsHandshake)
        #expect(error.phase == "tls")

        let smtps = try await SMTPServerFixture.start(mode: .tls)
        let report = try await check(
            ConnectRequest(
                host: "127.0.0.1", port: UInt16(smtps.port), tls: TLSSettings(verify: false),
                send: Array("QUIT\r\n".utf8), expect: Array("221".utf8)))
        #expect(report.tlsHandshake != nil)
        #expect(report.firstLine.hasPrefix("220 "))
    }

    @Test("1,000 checks at once, half to a listening port and half to a closed one, all come back right")
    func many() async throws {
        let listener = try LoopbackListener(backlog: 1_024)
        let closed = UInt16(try Ports.freePort())
        let engine = self.engine
        let open = listener.port
        let outcomes = await withTaskGroup(of: (Bool, ConnectError.Code?).self) { group in
            for index in 0..<1_000 {
                group.addTask {
                    let isOpen = index.isMultiple(of: 2)
                    let request = ConnectRequest(host: "127.0.0.1", port: isOpen ? open : closed)
                    do {
                        _ = try await engine.check(request, deadline: .now + .seconds(20))
                        return (isOpen, nil)
                    } catch let error as ConnectError {
                        return (isOpen, error.code)
                    } catch {
                        return (isOpen, .other)
                    }
                }
            }
            return await group.reduce(into: [(Bool, ConnectError.Code?)]()) { $0.append($1) }
        }
        #expect(outcomes.count == 1_000)
        #expect(outcomes.filter { $0.0 }.allSatisfy { $0.1 == nil })
        #expect(outcomes.filter { !$0.0 }.allSatisfy { $0.1 == .refused })
    }

    @Test("a host behind a cut link times out in the connect phase; a cancelled check returns at once")
    func silentAndCancelled() async throws {
        try #require(NetworkNamespaceFixture.isAvailable)
        let site = try NetworkNamespaceFixture(name: "tcp", net: 238)
        try site.cutLink()
        let request = ConnectRequest(host: site.address(4), port: 5060)
        let silent = try #require(await failure(request, within: .milliseconds(500)))
        #expect(silent.code == .timeout)
        #expect(silent.phase == "connect")
        #expect(silent.detail == "timed out: no answer to the connection request")

        let engine = self.engine
        let task = Task { try await engine.check(request, deadline: .now + .seconds(30)) }
        try await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        task.cancel()
        do {
            _ = try await task.value
            Issue.record("a cancelled check succeeded")
        } catch let error as ConnectError {
            #expect(error.code == .cancelled)
        }
        #expect(started.duration(to: .now) < .seconds(10), "it did not wait for the 30-second deadline")
    }
}

/// A TCP socket listening on 127.0.0.1 that never accepts: the kernel completes every handshake up to the
/// backlog, which is all a connect check needs. Closed when released.
final class LoopbackListener {
    let descriptor: Int32
    let port: UInt16

    init(backlog: Int32) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard descriptor >= 0, bound == 0, listen(descriptor, backlog) == 0 else {
            close(descriptor)
            throw FixtureError("cannot listen on 127.0.0.1: \(String(cString: strerror(errno)))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.descriptor = descriptor
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit {
        close(descriptor)
    }
}

extension ConnectRequest {
    fileprivate func with(tls: TLSSettings) -> ConnectRequest {
        var copy = self
        copy.tls = tls
        return copy
    }
}
