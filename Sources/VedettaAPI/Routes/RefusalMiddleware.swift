import Hummingbird
import Logging

/// Answers every error a route throws, and every request no route takes, with the one refusal body of the API
/// (``RefusalBody``): a client (or the OpenAPI document) sees one error shape, never Hummingbird's own.
///
/// Added to the router before any route, so it also wraps the router's "not found".
/// A path the router serves, asked with a method it does not take, is refused with 405 and the `Allow` header.
struct RefusalMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    /// The router's routes, recorded once they are all added.
    let routes: RouteTable

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && error.body == nil {
            let allowed = routes.methods(for: request.uri.path)
            guard !allowed.isEmpty else {
                return RefusalBody.response(status: .notFound, message: Self.message(for: .notFound, request: request))
            }
            let names = allowed.map(\.rawValue).joined(separator: ", ")
            var response = RefusalBody.response(
                status: .methodNotAllowed, message: "\(request.uri.path) takes \(names), not \(request.method)")
            response.headers[.allow] = names
            return response
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
