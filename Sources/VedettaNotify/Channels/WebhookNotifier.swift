public import CurlKit
public import Logging

/// Delivers notifications as a JSON POST (`notify.webhooks[]`).
///
/// 2xx is success. Timeouts, connection errors, 429 and 5xx are retryable; other 4xx answers mean the receiver
/// rejects the document and are not. Each request carries `Idempotency-Key: vedetta-<notification id>`, the same on
/// every retry, so a receiver can drop the duplicate that a crash between delivery and bookkeeping may cause.
public struct WebhookNotifier: Notifier {
    /// Settings of one webhook.
    public struct Configuration: Sendable {
        /// Channel name.
        public var name: String
        /// Where to POST.
        public var url: String
        /// Per-attempt timeout.
        public var timeout: Duration
        /// Extra headers, e.g. `Authorization`.
        public var headers: [(name: String, value: String)]
        /// The document posted.
        public var format: WebhookFormat

        /// Creates webhook settings.
        public init(
            name: String, url: String, timeout: Duration, headers: [(name: String, value: String)] = [],
            format: WebhookFormat = .vedetta
        ) {
            self.name = name
            self.url = url
            self.timeout = timeout
            self.headers = headers
            self.format = format
        }
    }

    /// Always `.webhook`.
    public var kind: ChannelKind { .webhook }
    /// The channel name.
    public var name: String { configuration.name }

    private let configuration: Configuration
    private let engine: CurlEngine

    /// Creates a webhook channel.
    /// - Parameters:
    ///   - configuration: URL, timeout and headers.
    ///   - engine: The shared libcurl engine.
    public init(configuration: Configuration, engine: CurlEngine) {
        self.configuration = configuration
        self.engine = engine
    }

    /// POSTs the message's JSON document, Vedetta's or Alertmanager's.
    /// - Throws: `DeliveryError` for a non-2xx answer or a transport failure.
    public func deliver(_ message: NotificationMessage, logger: Logger) async throws(DeliveryError) {
        var headers = [
            HTTPHeader(name: "Content-Type", value: "application/json"),
            HTTPHeader(name: "Idempotency-Key", value: "vedetta-\(message.notificationID)"),
        ]
        headers += configuration.headers.map { HTTPHeader(name: $0.name, value: $0.value) }
        let request = HTTPRequest(
            url: configuration.url,
            method: "POST",
            headers: headers,
            body: configuration.format == .alertmanager
                ? message.alertmanagerDocument(receiver: name) : message.jsonDocument(),
            timeout: configuration.timeout
        )
        try await HTTPDelivery.send(
            request, channel: name, shownURL: configuration.url, engine: engine, logger: logger)
    }
}
