import Hummingbird

/// The JSON body of every refusal, `{"error": …, "code": …, "field": …}` (`field` is `null` when no field is at
/// fault), answered with the status its code implies.
struct RefusalBody: Encodable {
    var error: String
    var code: String
    var field: String?

    /// The refusal's response: 400 for `invalid`, 404 for `not_found`, 409 for `conflict` and `read_only`, 503 for
    /// `unavailable`, 500 for anything else.
    static func response(message: String, code: String, field: String?) -> Response {
        let status: HTTPResponse.Status =
            switch code {
            case "invalid": .badRequest
            case "not_found": .notFound
            case "conflict", "read_only": .conflict
            case "unavailable": .serviceUnavailable
            default: .internalServerError
            }
        let body = RefusalBody(error: message, code: code, field: field)
        return (try? JSONAnswer.response(body, status: status)) ?? Response(status: status)
    }

    /// The refusal for an answer of `status` (Hummingbird's errors, or a route's HTTP error), its code from the
    /// status: `invalid` (400), `unauthenticated` (401), `forbidden` (403), `not_found` (404), `conflict` (409),
    /// `too_large` (413), `unavailable` (503), `internal` for other server errors, and `refused` for the rest.
    static func response(status: HTTPResponse.Status, message: String) -> Response {
        let code =
            switch status.code {
            case 400: "invalid"
            case 401: "unauthenticated"
            case 403: "forbidden"
            case 404: "not_found"
            case 409: "conflict"
            case 413: "too_large"
            case 503: "unavailable"
            case 500...: "internal"
            default: "refused"
            }
        let body = RefusalBody(error: message, code: code, field: nil)
        return (try? JSONAnswer.response(body, status: status)) ?? Response(status: status)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(error, forKey: .error)
        try container.encode(code, forKey: .code)
        try container.encode(field, forKey: .field)
    }

    enum CodingKeys: String, CodingKey { case error, code, field }
}
