import Hummingbird
import Logging

/// Answers every error a route throws, and every request no route takes, with the one refusal body of the API
/// (``RefusalBody``): a client (or the OpenAPI document) sees one error shape, never Hummingbird's own.
///
/// Added to the router before any route, so it also wraps the router's "not found".
struct RefusalMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            var response = RefusalBody.response(
                status: error.status, message: error.body ?? Self.message(for: error.status, request: request))
            for field in error.headers where response.headers[field.name] == nil { response.headers.append(field) }
            return response
        } catch let error as any HTTPResponseError {
            return RefusalBody.response(status: error.status, message: "\(error)")
        } catch {
            context.logger.error(
                "API request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return RefusalBody.response(status: .internalServerError, message: "internal error: \(error)")
        }
    }

    /// The message of an error that came without one.
    private static func message(for status: HTTPResponse.Status, request: Request) -> String {
        switch status {
        case .notFound: "no route \(request.method) \(request.uri.path)"
        default: status.reasonPhrase
        }
    }
}
