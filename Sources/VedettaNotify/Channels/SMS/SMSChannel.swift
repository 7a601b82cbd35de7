import CurlKit
import Foundation
import Logging
public import VedettaConfig
public import VedettaCore
import VedettaOnCall

/// An SMS through an HTTP gateway (`notify.sms[]`): the request is described by templates, so any gateway that
/// takes a number and a text over HTTP works (Skebby, Aruba, Twilio, a Kannel box, a GSM modem's web service).
///
/// `{{phone}}` and `{{text}}` are replaced in the URL (percent-encoded) and in the body (JSON-escaped when the
/// content type is JSON, form-encoded when it is a form, as is otherwise). The text is the subject, fitted into
/// one SMS by ``SMSText``.
public struct SMSChannelConfiguration: ChannelSettings {
    /// Name, timeout, language and clock.
    public var fields: ChannelFields
    /// The gateway URL, possibly with placeholders.
    public var url: String
    /// `POST` (default) or `GET`.
    public var method: String
    /// Extra headers, e.g. an API key; secrets.
    public var headers: [(name: String, value: Secret)]
    /// The body's content type (default `application/json` when there is a body).
    public var contentType: String
    /// The body template, if any.
    public var body: String?
    /// The number to send to, in international form (`+393331234567`); `nil` when ``oncall`` names the recipient.
    public var phone: String?
    /// The schedule whose person on call receives it, instead of ``phone``.
    public var oncall: OnCallRecipient?

    /// The channel name.
    public var name: String { fields.name }

    /// Without `to` and `oncall`, the channel reaches only the people escalation policies page through it.
    public var reachesOnlyPagedPeople: Bool { phone == nil && oncall == nil }

    /// The schedule of ``oncall``, for the loader's check.
    public var scheduleReferences: [(name: String, location: SourceLocation)] {
        oncall.map { [($0.schedule, $0.location)] } ?? []
    }
}

/// Reads `notify.sms[]`.
public struct SMSChannelReader: ChannelReader {
    /// `sms`.
    public let key = "sms"
    /// `SMS gateway`.
    public let noun = "SMS gateway"

    /// Creates the reader.
    public init() {}

    /// Reads one channel.
    public func readChannel(_ reader: NodeReader) -> (any ChannelSettings)? {
        let keys = ChannelFields.keys + ["url", "method", "headers", "content_type", "body", "to", "oncall"]
        guard let mapping = reader.mapping(keys: keys) else { return nil }
        let fields = ChannelFields.read(mapping)
        let url = mapping.required("url")?.httpURL()
        let method = mapping.optional("method").map { reader -> String? in
            guard let text = reader.nonEmptyString()?.uppercased() else { return nil }
            guard ["GET", "POST"].contains(text) else {
                reader.report("invalid method \"\(text)\"; use POST or GET")
                return nil
            }
            return text
        }
        let headersReader = mapping.optional("headers")
        let headers = headersReader.map { HeaderReader.read($0) } ?? []
        let contentType = mapping.optional("content_type").map { $0.nonEmptyString() }
        let body = mapping.optional("body").map { $0.nonEmptyString() }
        let oncall = OnCallRecipient.read(mapping)
        let toReader = mapping.optional("to")
        if toReader != nil, case .some(.some) = oncall {
            mapping.reader.report("give to or oncall, not both")
            return nil
        }
        let phone = toReader.map { reader -> String? in
            guard let text = reader.nonEmptyString() else { return nil }
            let digits = text.dropFirst()
            guard text.first == "+", (8...15).contains(digits.count), digits.allSatisfy(\.isNumber) else {
                reader.report("to is not a phone number in international form, e.g. \"+393331234567\"")
                return nil
            }
            return text
        }
        guard let fields, let url, method != .some(nil), let headers, contentType != .some(nil),
            body != .some(nil), phone != .some(nil), let oncall
        else { return nil }
        let template = (url) + ((body ?? nil) ?? "")
        for placeholder in ["{{phone}}", "{{text}}"] where !template.contains(placeholder) {
            mapping.reader.report("the gateway request never says \(placeholder): put it in url or body")
            return nil
        }
        return SMSChannelConfiguration(
            fields: fields, url: url, method: (method ?? nil) ?? "POST",
            headers: headers.map { ($0.name, Secret($0.value)) },
            contentType: (contentType ?? nil) ?? "application/json", body: body ?? nil, phone: phone ?? nil,
            oncall: oncall)
    }
}

/// Sends one SMS per notification through the gateway.
struct SMSNotifier: Notifier {
    let configuration: SMSChannelConfiguration
    let text: MessageText
    let engine: CurlEngine
    let desk: OnCallDesk?

    var kind: ChannelKind { ChannelKind(rawValue: "sms") }
    var name: String { configuration.name }

    func deliver(_ message: NotificationMessage, logger: Logger) async throws(DeliveryError) {
        var phone = configuration.phone ?? ""
        var text = text
        if let (person, role) = try await OnCallRecipient.addressee(
            of: message, oncall: configuration.oncall, desk: desk, channel: name,
            pagesOnlyPeople: configuration.reachesOnlyPagedPeople)
        {
            guard let number = person.contacts.phone else {
                throw DeliveryError(channel: name, message: "\(person.name), \(role), has no phone", isRetryable: false)
            }
            phone = number
            text.language = MessageLanguage(rawValue: person.language.rawValue) ?? text.language
        }
        let request = Self.request(configuration, phone: phone, text: SMSText.fit(text.title(message)))
        try await HTTPDelivery.send(
            request, channel: name, shownURL: ChannelURL.withoutPath(configuration.url), engine: engine,
            logger: logger)
    }

    /// The gateway request for `text`.
    static func request(_ configuration: SMSChannelConfiguration, phone: String, text: String) -> HTTPRequest {
        let url = fill(configuration.url, phone: phone, text: text, escape: percentEncoded)
        var headers = configuration.headers.map { HTTPHeader(name: $0.name, value: $0.value.reveal()) }
        var body: [UInt8]?
        if let template = configuration.body {
            let type = configuration.contentType.lowercased()
            let escape: (String) -> String
            if type.contains("json") {
                escape = { $0.jsonEscaped }
            } else if type.contains("x-www-form-urlencoded") {
                escape = formEncoded
            } else {
                escape = { $0 }
            }
            body = Array(fill(template, phone: phone, text: text, escape: escape).utf8)
            headers.insert(HTTPHeader(name: "Content-Type", value: configuration.contentType), at: 0)
        }
        return HTTPRequest(
            url: url, method: configuration.method, headers: headers, body: body, timeout: configuration.fields.timeout)
    }

    private static func fill(_ template: String, phone: String, text: String, escape: (String) -> String) -> String {
        template.replacingOccurrences(of: "{{phone}}", with: escape(phone))
            .replacingOccurrences(of: "{{text}}", with: escape(text))
    }

    private static func percentEncoded(_ value: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#/")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    private static func formEncoded(_ value: String) -> String {
        percentEncoded(value).replacingOccurrences(of: "%20", with: "+")
    }

}
