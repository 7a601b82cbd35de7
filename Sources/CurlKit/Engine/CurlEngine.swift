public import Logging
public import ServiceLifecycle

/// Runs HTTP(S) transfers through libcurl, many at once, on one dedicated thread.
///
/// The engine owns a `curl_multi` loop on its own thread: transfers never block Swift's cooperative pool, and a
/// slow or dead server delays only its own transfer. Share one engine per agent (the HTTP probe and the webhook
/// channels use the same one); it stops in ``shutdown()``, at the end of ``run()`` (as a service), or when released.
///
/// ```swift
/// let engine = CurlEngine(logger: logger)
/// let response = try await engine.perform(HTTPRequest(url: "https://example.net/health"), logger: logger)
/// print(response.status, response.timings.total)
/// ```
public final class CurlEngine: Service, Sendable {
    private let loop: MultiLoop
    private let logger: Logger

    /// Starts the engine thread.
    /// - Parameter logger: Receives engine-level events (start, stop) at debug level.
    public init(logger: Logger) {
        self.logger = logger
        self.loop = MultiLoop(logger: logger)
    }

    deinit {
        loop.shutdown()
    }

    /// Serves transfers until graceful shutdown, then stops and returns once the engine thread has ended: the agent
    /// runs the engine as one of its services, stopped after the services that use it.
    public func run() async throws {
        try? await gracefulShutdown()
        await shutdownAndWait()
    }

    /// Performs `request` and returns the final response, whatever its status code.
    ///
    /// Cancelling the awaiting task removes the transfer at once and throws ``CurlError/Code/cancelled``.
    /// - Parameters:
    ///   - request: What to send, and the limits that apply.
    ///   - logger: Receives this transfer's events at debug level.
    /// - Throws: `CurlError` when no HTTP response arrived: timeout, DNS, connect, TLS, too many redirects,
    ///   cancellation, or an engine that has shut down.
    /// - Returns: The response; 4xx and 5xx statuses are responses, not errors.
    public func perform(_ request: HTTPRequest, logger: Logger) async throws(CurlError) -> HTTPResponse {
        let transfer = try EasyTransfer(id: loop.makeID(), request: request, logger: logger)
        logger.debug(
            "HTTP transfer starting", metadata: ["http.method": "\(request.method)", "http.url": "\(request.url)"])
        let result = await run(transfer)
        switch result {
        case .success(let response):
            logger.debug(
                "HTTP transfer finished",
                metadata: [
                    "http.url": "\(request.url)", "http.status": "\(response.status)",
                    "http.duration": "\(response.timings.total)",
                ]
            )
        case .failure(let error):
            logger.debug("HTTP transfer failed", metadata: ["http.url": "\(request.url)", "http.error": "\(error)"])
        }
        return try result.get()
    }

    /// Hands an e-mail to an SMTP server, on the engine thread like every transfer.
    /// - Parameters:
    ///   - mail: The server, the envelope and the message.
    ///   - logger: Receives this transfer's events at debug level (never the message or the password).
    /// - Throws: `CurlError` when the server did not take the message: connection, TLS (including a server
    ///   without `STARTTLS` when it is required), authentication, a refused sender or recipient, a timeout.
    /// - Returns: The server's last reply code.
    public func send(_ mail: MailRequest, logger: Logger) async throws(CurlError) -> MailReceipt {
        let transfer = try EasyTransfer(id: loop.makeID(), request: mail.carrier, mail: mail, logger: logger)
        logger.debug(
            "SMTP transfer starting",
            metadata: ["smtp.url": "\(mail.url)", "smtp.recipients": "\(mail.recipients.count)"])
        let result = await run(transfer)
        switch result {
        case .success(let response):
            logger.debug(
                "SMTP transfer finished", metadata: ["smtp.url": "\(mail.url)", "smtp.reply": "\(response.status)"])
            return MailReceipt(replyCode: response.status)
        case .failure(let error):
            logger.debug("SMTP transfer failed", metadata: ["smtp.url": "\(mail.url)", "smtp.error": "\(error)"])
            throw error
        }
    }

    /// Runs `transfer` on the engine thread; cancelling the task cancels the transfer.
    private func run(_ transfer: EasyTransfer) async -> Result<HTTPResponse, CurlError> {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.continuation = continuation
                loop.submit(transfer)
            }
        } onCancel: {
            loop.cancel(transfer.id)
        }
    }

    /// Stops the engine: transfers in flight fail with ``CurlError/Code/cancelled``, and later calls to
    /// ``perform(_:logger:)`` fail the same way. Returns at once, never blocking the calling thread; calling it
    /// again does nothing.
    public func shutdown() {
        loop.shutdown()
    }

    /// Stops the engine like ``shutdown()`` and returns once its thread has ended.
    public func shutdownAndWait() async {
        loop.shutdown()
        await loop.stopped()
    }
}
