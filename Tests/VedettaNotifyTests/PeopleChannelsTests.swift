import CurlKit
import Foundation
import Logging
import Testing
import VedettaConfig
import VedettaCore
import VedettaIncidents
import VedettaNotify
import VedettaTestSupport

/// Each people-facing channel read from YAML as a user writes it, delivering to a real HTTP receiver on loopback,
/// with the payload its vendor documents.
@Suite("Chat, SMS and Alertmanager channels against a real receiver", .serialized)
struct PeopleChannelsTests {
    private let logger = Logger(label: "test")
    private static let rome = TimeZone(identifier: "Europe/Rome")!
    /// Thursday 3 December 2026, 03:12 in Rome.
    private static let detected = Date(timeIntervalSince1970: 1_796_263_920)

    private static let readers: [any ChannelReader] = [
        WebhookChannelReader(), ChatWebhookReader(.slack), ChatWebhookReader(.teams), TelegramChannelReader(),
        SMSChannelReader(),
    ]

    /// The channels of a `notify:` section.
    private static func channels(_ notify: String) throws -> [ChannelConfiguration] {
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-channels")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("vedetta.yaml")
        try ("notify:\n" + notify).write(to: file, atomically: true, encoding: .utf8)
        return try ConfigLoader.load(configFile: file.path, plugins: ConfigPlugins(channels: readers)).channels
    }

    private func notifier(_ notify: String, engine: CurlEngine) throws -> any Notifier {
        let channel = try #require(try Self.channels(notify).first)
        let factories: [any ChannelFactory] =
            [WebhookChannelFactory(engine: engine)] + PeopleChannelFactory.all(engine: engine, defaultZone: Self.rome)
        return try #require(factories.lazy.compactMap { $0.makeNotifier(for: channel) }.first)
    }

    private static func message(restored: Bool = false) -> NotificationMessage {
        var incident = Incident(
            id: 17, fingerprint: "a1b2c3d4e5f60718", rule: "DeviceUnreachable", severity: .critical,
            labels: ["device": "core-switch", "site": "milano"], summary: "core-switch does not answer SNMP",
            description: "No SNMP answer for 2 minutes; check power & uplink <Gi0/1>.", detectedAt: detected)
        if restored { incident.restoredAt = detected + 754 }
        return NotificationMessage(
            notificationID: 42, event: restored ? .restored : .opened, incident: incident, sentAt: detected + 1)
    }

    private static func json(_ request: RecordedRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
    }

    @Test("Slack-compatible webhook: text and one coloured attachment with Italian facts on Rome's clock")
    func slack() async throws {
        let receiver = try await HTTPServerFixture.start()
        let engine = CurlEngine(logger: logger)
        defer { engine.shutdown() }
        let slack = try notifier(
            "  slack:\n    - name: noc-chat\n      url: \(receiver.url("/services/T0/B0/s3cret"))\n", engine: engine)
        try await slack.deliver(Self.message(), logger: logger)
        try await slack.deliver(Self.message(restored: true), logger: logger)

        let requests = try receiver.recordedRequests()
        try #require(requests.count == 2)
        #expect(requests[0].path == "/services/T0/B0/s3cret")
        let opened = try Self.json(requests[0])
        #expect(
            opened["text"] as? String == "[CRITICO] DeviceUnreachable su core-switch: core-switch does not answer SNMP")
        let attachment = try #require((opened["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["color"] as? String == "#d00000")
        let fields = try #require(attachment["fields"] as? [[String: Any]])
        #expect(
            fields.map { "\($0["title"] ?? ""): \($0["value"] ?? "")" } == [
                "Incidente: #17", "Dispositivo: core-switch", "Gravità: critico",
                "Aperto: 2026-12-03 03:12 Europe/Rome",
            ])
        let restored = try Self.json(requests[1])
        #expect((restored["text"] as? String)?.hasPrefix("[RIPRISTINATO] DeviceUnreachable") == true)
        let restoredFields = try #require(
            ((restored["attachments"] as? [[String: Any]])?.first)?["fields"] as? [[String: Any]])
        #expect(restoredFields.last?["value"] as? String == "12m34s")
    }

    @Test("Teams workflow: an Adaptive Card with title, description and facts, in English when asked")
    func teams() async throws {
        let receiver = try await HTTPServerFixture.start()
        let engine = CurlEngine(logger: logger)
        defer { engine.shutdown() }
        let teams = try notifier(
            "  teams:\n    - name: noc-teams\n      url: \(receiver.url("/workflows/abc"))\n      language: en\n"
                + "      time_zone: UTC\n", engine: engine)
        try await teams.deliver(Self.message(), logger: logger)
        let document = try Self.json(try #require(try receiver.recordedRequests().first))
        #expect(document["type"] as? String == "message")
        let attachment = try #require((document["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["contentType"] as? String == "application/vnd.microsoft.card.adaptive")
        let card = try #require(attachment["content"] as? [String: Any])
        #expect(card["type"] as? String == "AdaptiveCard")
        #expect(card["version"] as? String == "1.4")
        let body = try #require(card["body"] as? [[String: Any]])
        #expect(body.map { $0["type"] as? String } == ["TextBlock", "TextBlock", "FactSet"])
        #expect(
            body[0]["text"] as? String
                == "[CRITICAL] DeviceUnreachable on core-switch: core-switch does not answer SNMP")
        #expect(body[0]["color"] as? String == "Attention")
        let facts = try #require(body[2]["facts"] as? [[String: String]])
        #expect(facts.last == ["title": "Opened", "value": "2026-12-03 02:12 UTC"])
    }

    @Test("Telegram: sendMessage with the token in the path, HTML escaped; a refusal in the body is not retried")
    func telegram() async throws {
        let receiver = try await HTTPServerFixture.start()
        let engine = CurlEngine(logger: logger)
        defer { engine.shutdown() }
        let telegram = try notifier(
            "  telegram:\n    - name: noc-telegram\n      bot_token: \"123456:ABC-def\"\n      chat_id: \"-1001234567890\"\n"
                + "      api_url: \(receiver.url("/tg"))\n", engine: engine)
        // The fixture answers "ok", not {"ok": true}: a Bot API that does not say ok has not sent it.
        do {
            try await telegram.deliver(Self.message(), logger: logger)
            Issue.record("delivered without {\"ok\": true}")
        } catch {
            #expect(!error.isRetryable)
            #expect(error.message.contains("/bot<token>/sendMessage"), "the token stays out of errors")
            #expect(!error.message.contains("ABC-def"))
        }
        let request = try #require(try receiver.recordedRequests().first)
        #expect(request.path == "/tg/bot123456:ABC-def/sendMessage")
        let document = try Self.json(request)
        #expect((document["chat_id"] as? NSNumber)?.int64Value == -1_001_234_567_890)
        #expect(document["parse_mode"] as? String == "HTML")
        let text = try #require(document["text"] as? String)
        #expect(
            text.hasPrefix("<b>[CRITICO] DeviceUnreachable su core-switch: core-switch does not answer SNMP</b>\n\n"))
        #expect(text.contains("check power &amp; uplink &lt;Gi0/1&gt;."))

        let throttled = try notifier(
            "  telegram:\n    - name: t\n      bot_token: \"1:x\"\n      chat_id: \"@noc\"\n"
                + "      api_url: \(receiver.url("/status/429"))\n", engine: engine)
        await #expect(throws: DeliveryError.self) { try await throttled.deliver(Self.message(), logger: logger) }
        do { try await throttled.deliver(Self.message(), logger: logger) } catch { #expect(error.isRetryable) }
    }

    @Test("SMS gateway: JSON and form bodies and a GET URL, each with the text fitted into one SMS")
    func sms() async throws {
        let receiver = try await HTTPServerFixture.start()
        let engine = CurlEngine(logger: logger)
        defer { engine.shutdown() }
        let json = try notifier(
            """
              sms:
                - name: sms-json
                  url: \(receiver.url("/sms/send"))
                  headers: {X-Api-Key: k3y}
                  body: '{"to": "{{phone}}", "message": "{{text}}"}'
                  to: "+393331234505"

            """, engine: engine)
        let form = try notifier(
            """
              sms:
                - name: sms-form
                  url: \(receiver.url("/sms/form"))
                  content_type: application/x-www-form-urlencoded
                  body: "recipient={{phone}}&text={{text}}"
                  to: "+393331234505"
                  language: en

            """, engine: engine)
        let get = try notifier(
            """
              sms:
                - name: sms-get
                  method: GET
                  url: \(receiver.url("/cgi-bin/sendsms?to={{phone}}&text={{text}}"))
                  to: "+393331234505"

            """, engine: engine)
        for channel in [json, form, get] { try await channel.deliver(Self.message(), logger: logger) }

        let requests = try receiver.recordedRequests()
        try #require(requests.count == 3)
        #expect(requests[0].header("X-Api-Key") == "k3y")
        #expect(requests[0].header("Content-Type") == "application/json")
        let sent = try Self.json(requests[0])
        #expect(sent["to"] as? String == "+393331234505")
        #expect(
            sent["message"] as? String == "[CRITICO] DeviceUnreachable su core-switch: core-switch does not answer SNMP"
        )
        #expect(
            requests[1].body
                == "recipient=%2B393331234505&text=%5BCRITICAL%5D+DeviceUnreachable+on+core-switch:+core-switch+does+not+answer+SNMP"
        )
        #expect(requests[2].method == "GET")
        #expect(
            requests[2].path.hasPrefix("/cgi-bin/sendsms?to=%2B393331234505&text=%5BCRITICO%5D%20DeviceUnreachable"))
    }

    @Test("Alertmanager format: version 4, one firing alert, then resolved with its end")
    func alertmanager() async throws {
        let receiver = try await HTTPServerFixture.start()
        let engine = CurlEngine(logger: logger)
        defer { engine.shutdown() }
        let webhook = try notifier(
            "  webhooks:\n    - name: am-receiver\n      url: \(receiver.url("/alerts"))\n      format: alertmanager\n",
            engine: engine)
        try await webhook.deliver(Self.message(), logger: logger)
        try await webhook.deliver(Self.message(restored: true), logger: logger)
        let requests = try receiver.recordedRequests()
        try #require(requests.count == 2)
        #expect(requests[0].header("Idempotency-Key") == "vedetta-42")
        let firing = try Self.json(requests[0])
        #expect(firing["version"] as? String == "4")
        #expect(firing["status"] as? String == "firing")
        #expect(firing["receiver"] as? String == "am-receiver")
        let alert = try #require((firing["alerts"] as? [[String: Any]])?.first)
        #expect(
            alert["labels"] as? [String: String] == [
                "alertname": "DeviceUnreachable", "severity": "critical", "device": "core-switch", "site": "milano",
            ])
        #expect((alert["annotations"] as? [String: String])?["summary"] == "core-switch does not answer SNMP")
        #expect(alert["startsAt"] as? String == "2026-12-03T02:12:00.000Z")
        #expect(alert["endsAt"] as? String == "0001-01-01T00:00:00Z")
        let resolved = try Self.json(requests[1])
        #expect(resolved["status"] as? String == "resolved")
        #expect(((resolved["alerts"] as? [[String: Any]])?.first)?["endsAt"] as? String == "2026-12-03T02:24:34.000Z")
    }

    @Test("SMS texts fit one message: 160 GSM characters, or 70 when a character needs UCS-2, cut at a word")
    func smsText() {
        let short = "[CRITICO] DeviceUnreachable su core-switch"
        #expect(SMSText.fit(short) == short)
        let long = String(repeating: "parola ", count: 40)
        let fitted = SMSText.fit(long)
        #expect(fitted.count <= 160)
        #expect(fitted.hasSuffix("parola..."))
        let unicode = "Centralino giù: " + String(repeating: "linea ", count: 20) + "😀"
        let cut = SMSText.fit(unicode)
        #expect(cut.utf16.count <= 70)
        #expect(cut.hasSuffix("linea…"))
        #expect(SMSText.fit("costo 5€ al mese").count == 16, "€ is GSM (extension table)")
    }
}
