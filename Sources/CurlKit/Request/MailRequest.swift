/// An e-mail to hand to an SMTP server, for ``CurlEngine/send(_:logger:)``.
///
/// `smtp://host:port` speaks plain SMTP, upgraded with `STARTTLS` as ``security`` says; `smtps://host:port`
/// speaks TLS from the first byte (implicit TLS, usually port 465). With a user name, curl authenticates with the
/// best mechanism the server offers (`AUTH PLAIN`, `LOGIN`, `CRAM-MD5` …).
public struct MailRequest: Sendable {
    /// How an `smtp://` connection is protected.
    public enum Security: String, Sendable, CaseIterable {
        /// `STARTTLS` is required: a server that does not offer it fails the delivery (the default).
        case starttls
        /// Plain text, for a relay on the same host or network only.
        case none
    }

    /// `smtp://host[:port]` or `smtps://host[:port]`.
    public var url: String
    /// How an `smtp://` connection is protected (ignored for `smtps://`, which is TLS throughout).
    public var security: Security
    /// The envelope sender (`MAIL FROM`), a bare address.
    public var sender: String
    /// The envelope recipients (`RCPT TO`), bare addresses.
    public var recipients: [String]
    /// The whole message as RFC 5322 text with CRLF line ends: headers, a blank line, the body.
    public var message: [UInt8]
    /// The user name for `AUTH`, if the server needs one.
    public var username: String?
    /// The password for `AUTH`.
    public var password: String?
    /// The limit for the whole exchange.
    public var timeout: Duration
    /// Whether the server certificate and host name are verified.
    public var verifyTLS: Bool
    /// A PEM file of CA certificates to trust instead of the default bundle.
    public var caFile: String?

    /// Creates a request.
    public init(
        url: String, security: Security = .starttls, sender: String, recipients: [String], message: [UInt8],
        username: String? = nil, password: String? = nil, timeout: Duration = .seconds(30), verifyTLS: Bool = true,
        caFile: String? = nil
    ) {
        self.url = url
        self.security = security
        self.sender = sender
        self.recipients = recipients
        self.message = message
        self.username = username
        self.password = password
        self.timeout = timeout
        self.verifyTLS = verifyTLS
        self.caFile = caFile
    }

    /// The transfer's carrier: the URL, limits and TLS settings that every transfer has.
    var carrier: HTTPRequest {
        HTTPRequest(
            url: url, method: "SMTP", timeout: timeout, verifyTLS: verifyTLS, caFile: caFile, followRedirects: false)
    }
}

/// What the SMTP server said when it took the message.
public struct MailReceipt: Sendable, Equatable {
    /// The last SMTP reply code, `250` when the message was queued.
    public var replyCode: Int

    /// Creates a receipt.
    public init(replyCode: Int) {
        self.replyCode = replyCode
    }
}
