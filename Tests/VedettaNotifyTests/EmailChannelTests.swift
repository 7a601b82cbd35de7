import CurlKit
import Foundation
import Logging
import Testing
import VedettaConfig
import VedettaCore
import VedettaIncidents
import VedettaMaintenance
import VedettaNotify
import VedettaOnCall
import VedettaStoreSQLite
import VedettaTestSupport

/// The e-mail channel against a real SMTP server (aiosmtpd) on loopback: plain, STARTTLS and implicit TLS, with
/// and without AUTH, each message read back by Python's email parser.
@Suite("E-mail over SMTP against a real server", .serialized)
struct EmailChannelTests {
    private let logger = Logger(label: "test")
    /// Thursday 3 December 2026, 02:12 UTC.
    private static let detected = Date(timeIntervalSince1970: 1_796_263_920)

    private func notifier(_ yaml: String, engine: CurlEngine, oncall: OnCallDesk? = nil) throws -> any Notifier {
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-email")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("vedetta.yaml")
        try ("notify:\n  email:\n" + yaml).write(to: file, atomically: true, encoding: .utf8)
        let oncallDirectory = directory.appendingPathComponent("oncall")
        try FileManager.default.createDirectory(at: oncallDirectory, withIntermediateDirectories: true)
        try Self.team.write(to: oncallDirectory.appendingPathComponent("team.yaml"), atomically: true, encoding: .utf8)
        let configuration = try ConfigLoader.load(
            configFile: file.path, plugins: ConfigPlugins(channels: [EmailChannelReader()]))
        let channel = try #require(configuration.channels.first)
        let factory = PeopleChannelFactory(
            key: "email", engine: engine, defaultZone: TimeZone(identifier: "Europe/Rome")!, oncall: oncall)
        return try #require(factory.makeNotifier(for: channel))
    }

    private static func message(_ id: Int64 = 42, restored: Bool = false) -> NotificationMessage {
        var incident = Incident(
            id: 17, fingerprint: "a1b2c3", rule: "PBXNotAnswering", severity: .critical,
            labels: ["device": "pbx-milano"], summary: "Centralino giù: nessuna risposta SIP",
            description: "The PBX does not answer OPTIONS <sip:pbx-milano>.", detectedAt: detected)
        if restored { incident.restoredAt = detected + 600 }
        return NotificationMessage(
            notificationID: id, event: restored ? .restored : .opened, incident: incident, sentAt: detected + 1)
    }

    @Test("plain SMTP: one message to every recipient, text and HTML, Italian subject encoded, threaded by incident")
    func plain() async throws {
        let server = try await SMTPServerFixture.start()
        let engine = CurlEngine(logger: logger)
        defer { engine.shutdown() }
        let email = try notifier(
            """
                - name: noc-mail
                  smtp: \(server.url)
                  security: none
                  from: "Vedetta NOC <vedetta@example.it>"
                  to: [noc@example.it, "Paolo Romano <paolo.romano@example.it>"]

            """, engine: engine)
        try await email.deliver(Self.message(), logger: logger)
        try await email.deliver(Self.message(43, restored: true), logger: logger)

        let messages = try server.messages()
        try #require(messages.count == 2, "\(server.output)")
        let opened = messages[0]
        #expect(opened.mailFrom == "vedetta@example.it")
        #expect(opened.rcptTos == ["noc@example.it", "paolo.romano@example.it"])
        #expect(opened.subject == "[CRITICO] PBXNotAnswering su pbx-milano: Centralino giù: nessuna risposta SIP")
        #expect(opened.messageID == "<vedetta-notification-42@example.it>")
        #expect(opened.references == "<vedetta-incident-17@example.it>")
        #expect(opened.data.contains("Date: Thu, 03 Dec 2026 02:12:01 +0000\r\n"))
        let text = try #require(opened.text)
        #expect(text.contains("The PBX does not answer OPTIONS <sip:pbx-milano>."))
        #expect(text.contains("Aperto: 2026-12-03 03:12 Europe/Rome"))
        let html = try #require(opened.html)
        #expect(html.contains("OPTIONS &lt;sip:pbx-milano&gt;"))
        #expect(html.contains("<th align=\"left\">Dispositivo</th><td>pbx-milano</td>"))
        let restored = messages[1]
        #expect(restored.subject.hasPrefix("[RIPRISTINATO] PBXNotAnswering"))
        #expect(restored.references == opened.references, "the restoration threads under the opening")
        #expect(restored.text?.contains("Durata: 10m") == true)
    }

    @Test("STARTTLS with AUTH, the server's certificate trusted through ca_file, the password from a file")
    func startTLSWithAuth() async throws {
        let server = try await SMTPServerFixture.start(mode: .starttls, auth: "vedetta:s3cret")
        let certificate = try #require(server.certificate)
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-smtp-password")
        defer { try? FileManager.default.removeItem(at: directory) }
        let passwordFile = directory.appendingPathComponent("password")
        try "s3cret\n".write(to: passwordFile, atomically: true, encoding: .utf8)
        let engine = CurlEngine(logger: logger)
        defer { engine.shutdown() }
        let email = try notifier(
            """
                - name: noc-mail
                  smtp: \(server.url)
                  from: vedetta@example.it
                  to: noc@example.it
                  username: vedetta
                  password_file: \(passwordFile.path)
                  ca_file: \(certificate.certificatePath)
                  language: en

            """, engine: engine)
        try await email.deliver(Self.message(), logger: logger)
        let messages = try server.messages()
        try #require(messages.count == 1, "\(server.output)")
        #expect(messages[0].subject.hasPrefix("[CRITICAL] PBXNotAnswering on pbx-milano"))
    }

    @Test("implicit TLS (smtps://) with AUTH")
    func implicitTLS() async throws {
        let server = try await SMTPServerFixture.start(mode: .tls, auth: "vedetta:s3cret")
        let certificate = try #require(server.certificate)
        let engine = CurlEngine(logger: logger)
        defer { engine.shutdown() }
        let email = try notifier(
            """
                - name: noc-mail
                  smtp: \(server.url)
                  from: vedetta@example.it
                  to: noc@example.it
                  username: vedetta
                  password: s3cret
                  ca_file: \(certificate.certificatePath)

            """, engine: engine)
        try await email.deliver(Self.message(), logger: logger)
        #expect(try server.messages().count == 1, "\(server.output)")
    }

    @Test("a server without STARTTLS, a wrong password and a server that is down: which failures are retried")
    func failures() async throws {
        let engine = CurlEngine(logger: logger)
        defer { engine.shutdown() }
        let plain = try await SMTPServerFixture.start()
        let requiresTLS = try notifier(
            "    - {name: m, smtp: \"\(plain.url)\", from: v@example.it, to: noc@example.it}\n", engine: engine)
        do {
            try await requiresTLS.deliver(Self.message(), logger: logger)
            Issue.record("sent in clear text although STARTTLS is required")
        } catch {
            #expect(!error.isRetryable, "\(error)")
        }
        #expect(try plain.messages().isEmpty)

        let guarded = try await SMTPServerFixture.start(mode: .tls, auth: "vedetta:s3cret")
        let certificate = try #require(guarded.certificate)
        let wrongPassword = try notifier(
            "    - {name: m, smtp: \"\(guarded.url)\", from: v@example.it, to: noc@example.it, username: vedetta, "
                + "password: wrong, ca_file: \"\(certificate.certificatePath)\"}\n", engine: engine)
        do {
            try await wrongPassword.deliver(Self.message(), logger: logger)
            Issue.record("accepted a wrong password")
        } catch {
            #expect(!error.isRetryable, "\(error)")
            #expect(!error.message.contains("wrong"), "the password stays out of errors")
        }

        let gone = try await SMTPServerFixture.start()
        let url = gone.url
        gone.stop()
        let down = try notifier(
            "    - {name: m, smtp: \"\(url)\", security: none, from: v@example.it, to: noc@example.it}\n",
            engine: engine)
        do {
            try await down.deliver(Self.message(), logger: logger)
            Issue.record("delivered to a stopped server")
        } catch {
            #expect(error.isRetryable, "\(error)")
        }
    }

    /// Marco has the week from Monday 30 November; Anna reads English.
    private static let team = """
        people:
          - {name: marco, full_name: Marco Rossi, email: marco.rossi@example.it}
          - {name: anna, full_name: Anna Ferrari, email: anna.ferrari@example.it, language: en}
        schedules:
          - name: noc
            time_zone: Europe/Rome
            layers:
              - {name: weekly, start: 2026-11-30T08:00, shift: weekly, participants: [marco, anna]}
        """

    @Test("oncall: the person on call when the incident began gets it, after substitutions, in their language")
    func personOnCall() async throws {
        let server = try await SMTPServerFixture.start()
        let engine = CurlEngine(logger: logger)
        defer { engine.shutdown() }
        let store = try SQLiteIncidentStore.inMemory()
        let rome = TimeZone(identifier: "Europe/Rome")!
        let roster = OnCallRoster(
            people: [
                Person(
                    name: "marco", fullName: "Marco Rossi", zone: rome, contacts: .init(email: "marco.rossi@example.it")
                ),
                Person(
                    name: "anna", fullName: "Anna Ferrari", zone: rome, language: .en,
                    contacts: .init(email: "anna.ferrari@example.it")),
            ],
            schedules: [
                OnCallSchedule(
                    name: "noc", zone: rome,
                    layers: [
                        RotationLayer(
                            name: "weekly", start: try #require(LocalDateTime.parse("2026-11-30T08:00")),
                            length: .weekly, participants: ["marco", "anna"])
                    ])
            ])
        let desk = OnCallDesk(roster: roster, store: store, defaultZone: rome)
        let email = try notifier(
            """
                - name: oncall-mail
                  smtp: \(server.url)
                  security: none
                  from: "Vedetta <vedetta@example.it>"
                  oncall: noc

            """, engine: engine, oncall: desk)
        try await email.deliver(Self.message(), logger: logger)

        // Anna covers Marco from 3 December 00:00: a later incident goes to her, in English.
        _ = try await desk.substitute(
            SubstitutionRequest(
                schedule: "noc", substitute: "anna", covers: "marco", start: "2026-12-03T00:00", duration: "48h",
                reason: "sick leave", by: "paolo"),
            at: Self.detected - 3600)
        try await email.deliver(Self.message(44), logger: logger)

        let messages = try server.messages()
        try #require(messages.count == 2, "\(server.output)")
        #expect(messages[0].rcptTos == ["marco.rossi@example.it"])
        #expect(messages[0].data.contains("To: Marco Rossi <marco.rossi@example.it>\r\n"))
        #expect(messages[0].subject.hasPrefix("[CRITICO]"))
        #expect(messages[1].rcptTos == ["anna.ferrari@example.it"])
        #expect(messages[1].subject.hasPrefix("[CRITICAL] PBXNotAnswering on pbx-milano"))
    }
}
