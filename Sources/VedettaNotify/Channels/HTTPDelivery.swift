public import CurlKit
import Foundation
public import Logging

/// Sends one channel request and turns the answer into success or a ``DeliveryError``: the rule every HTTP
/// channel (webhook, chat, SMS gateway) shares.
///
/// 2xx is success, unless `accepts` refuses the body. Timeouts, connection errors, 408, 429 and 5xx are
/// retryable; other 4xx answers mean the receiver rejects the request and are not.
public enum HTTPDelivery {
    /// Performs `request` for channel `channel`.
    /// - Parameters:
    ///   - request: The request.
    ///   - channel: The channel name, for errors.
    ///   - shownURL: How the URL appears in errors (a URL holding a token is shown without it).
    ///   - engine: The shared libcurl engine.
    ///   - logger: The delivery's logger.
    ///   - accepts: For vendors that answer 200 with an error in the body: `nil` when the body says it was
    ///     accepted, else what went wrong.
    /// - Throws: ``DeliveryError``.
    public static func send(
        _ request: HTTPRequest, channel: String, shownURL: String, engine: CurlEngine, logger: Logger,
        accepts: (HTTPResponse) -> String? = { _ in nil }
    ) async throws(DeliveryError) {
        let response: HTTPResponse
        do {
            response = try await engine.perform(request, logger: logger)
        } catch {
            var message = "\(error)"
            if shownURL != request.url { message = message.replacingOccurrences(of: request.url, with: shownURL) }
            throw DeliveryError(channel: channel, message: message, isRetryable: error.code != .cancelled)
        }
        guard (200..<300).contains(response.status) else {
            let retryable = response.status == 429 || response.status >= 500 || response.status == 408
            throw DeliveryError(
                channel: channel, message: "HTTP \(response.status) from \(shownURL)", isRetryable: retryable)
        }
        if let refusal = accepts(response) {
            throw DeliveryError(channel: channel, message: "\(shownURL) refused it: \(refusal)", isRetryable: false)
        }
    }
}
