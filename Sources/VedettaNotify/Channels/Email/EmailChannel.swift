public import CurlKit
import Foundation
import Logging
public import VedettaConfig
public import VedettaCore
import VedettaOnCall

/// E-mail through an SMTP server (`notify.email[]`): plain SMTP with `STARTTLS` (required by default), or TLS
/// from the first byte (`smtps://`), with `AUTH` when a user name is given. Each notification is one message, in
/// text and HTML, to every address of `to` in one SMTP transaction.
public struct EmailChannelConfiguration: ChannelSettings {
    /// Name, timeout, language and clock.
    public var fields: ChannelFields
    /// `smtp://host[:port]` (default port 25; 587 for submission) or `smtps://host[:port]` (465).
    public var server: String
    /// How an `smtp://` connection is protected (`security`, default `starttls`).
    public var security: MailRequest.Security
    /// The `From:` header as written, e.g. `Vedetta <vedetta@example.it>`.
    public var from: String
    /// The addresses it goes to; empty when ``oncall`` names the recipient.
    public var to: [String]
    /// The schedule whose person on call receives it, instead of ``to``.
    public var oncall: OnCallRecipient?
    /// The user name for `AUTH`.
    public var username: String?
    /// The password for `AUTH` (`password`, or the first line of `password_file`); never logged.
    public var password: Secret?
    /// A PEM bundle of CA certificates to trust instead of the system's (`ca_file`).
    public var caFile: String?
    /// Whether the server certificate is verified (`verify_tls`, default `true`).
    public var verifyTLS: Bool

    /// The channel name.
    public var name: String { fields.name }

    /// Without `to` and `oncall`, the channel reaches only the people escalation policies page through it.
    public var reachesOnlyPagedPeople: Bool { to.isEmpty && oncall == nil }

    /// The schedule of ``oncall``, for the loader's check.
    public var scheduleReferences: [(name: String, location: SourceLocation)] {
        oncall.map { [($0.schedule, $0.location)] } ?? []
    }
}

/// Reads `notify.email[]`.
public struct EmailChannelReader: ChannelReader {
    /// `email`.
    public let key = "email"
    /// `e-mail channel`.
    public let noun = "e-mail channel"

    /// Creates the reader.
    public init() {}

    /// Reads one channel.
    public func readChannel(_ reader: NodeReader) -> (any ChannelSettings)? {
        let keys =
            ChannelFields.keys + [
                "smtp", "security", "from", "to", "oncall", "username", "password", "password_file", "ca_file",
                "verify_tls",
            ]
        guard let mapping = reader.mapping(keys: keys) else { return nil }
        let fields = ChannelFields.read(mapping)
        let server = mapping.required("smtp").flatMap(readServer)
        let security = mapping.optional("security").map { $0.choice("security", of: MailRequest.Security.self) }
        let from = mapping.required("from").flatMap { reader -> String? in
            guard let text = reader.nonEmptyString() else { return nil }
            guard EmailAddress.bare(text) != nil else {
                reader.report("invalid from \"\(text)\"; use an address, e.g. \"Vedetta <vedetta@example.it>\"")
                return nil
            }
            return text
        }
        let oncall = OnCallRecipient.read(mapping)
        let toReader = mapping.optional("to")
        var to = toReader.map(readRecipients) ?? []
        if toReader != nil, case .some(.some) = oncall {
            mapping.reader.report("give to or oncall, not both")
            to = nil
        }
        let username = mapping.optional("username").map { $0.nonEmptyString() }
        let password = readPassword(mapping)
        let caFile = mapping.optional("ca_file").map { $0.nonEmptyString() }
        let verify = mapping.optional("verify_tls").map { $0.bool() }
        guard let fields, let server, security != .some(nil), let from, let to, let oncall, username != .some(nil),
            let password, caFile != .some(nil), verify != .some(nil)
        else { return nil }
        return EmailChannelConfiguration(
            fields: fields, server: server, security: (security ?? nil) ?? .starttls, from: from, to: to,
            oncall: oncall,
            username: username ?? nil, password: password, caFile: caFile ?? nil,
            verifyTLS: (verify ?? nil) ?? true)
    }

    private func readServer(_ reader: NodeReader) -> String? {
        guard let text = reader.nonEmptyString() else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["smtp", "smtps"].contains(scheme),
            let host = url.host, !host.isEmpty
        else {
            reader.report("invalid smtp \"\(text)\"; use smtp://host:587 (STARTTLS) or smtps://host:465 (TLS)")
            return nil
        }
        return text
    }

    private func readRecipients(_ reader: NodeReader) -> [String]? {
        guard let items = reader.stringOrList() else { return nil }
        guard !items.isEmpty else {
            reader.report("to needs at least one address")
            return nil
        }
        var valid = true
        for (text, item) in items where EmailAddress.bare(text) == nil {
            // An address is personal data: the message names the place, not the value.
            item.report("\(item.displayPath) is not an e-mail address")
            valid = false
        }
        return valid ? items.map(\.value) : nil
    }

    /// `password` or `password_file`: `.some(nil)` for neither, `nil` after a problem.
    private func readPassword(_ mapping: MappingReader) -> Secret?? {
        mapping.secret("password", fileKey: "password_file")
    }
}

/// Sends e-mail through the agent's libcurl engine.
struct EmailNotifier: Notifier {
    let configuration: EmailChannelConfiguration
    let text: MessageText
    let engine: CurlEngine
    let desk: OnCallDesk?

    var kind: ChannelKind { ChannelKind(rawValue: "email") }
    var name: String { configuration.name }

    func deliver(_ message: NotificationMessage, logger: Logger) async throws(DeliveryError) {
        let sender = EmailAddress.bare(configuration.from) ?? configuration.from
        var to = configuration.to
        var text = text
        if let (person, role) = try await OnCallRecipient.addressee(
            of: message, oncall: configuration.oncall, desk: desk, channel: name,
            pagesOnlyPeople: configuration.reachesOnlyPagedPeople)
        {
            guard let address = person.contacts.email else {
                throw DeliveryError(channel: name, message: "\(person.name), \(role), has no email", isRetryable: false)
            }
            to = ["\(person.fullName) <\(address)>"]
            text.language = MessageLanguage(rawValue: person.language.rawValue) ?? text.language
        }
        let mail = MailRequest(
            url: configuration.server, security: configuration.security, sender: sender,
            recipients: to.map { EmailAddress.bare($0) ?? $0 },
            message: EmailMessage.render(message, text: text, from: configuration.from, to: to),
            username: configuration.username, password: configuration.password?.reveal(),
            timeout: configuration.fields.timeout, verifyTLS: configuration.verifyTLS, caFile: configuration.caFile)
        do {
            _ = try await engine.send(mail, logger: logger)
        } catch {
            // 64: STARTTLS required but not offered; 67: the server refused the credentials. Both need a person.
            let permanent =
                error.code == .cancelled || error.code == .invalidRequest || [64, 67].contains(error.curlCode)
            throw DeliveryError(channel: name, message: "\(error)", isRetryable: !permanent)
        }
    }
}
