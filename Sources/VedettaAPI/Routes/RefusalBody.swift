import Hummingbird

/// The JSON body of every refusal, `{"error": …, "code": …, "field": …}` (`field` is `null` when no field is at
/// fault), answered with the status its code implies.
struct RefusalBody: Encodable {
    var error: String
    var code: String
    var field: String?

    /// The codes and the status each implies; the first code of a status is the one a bare status maps to.
    private static let codes: [(code: String, status: HTTPResponse.Status)] = [
        ("invalid", .badRequest), ("unauthenticated", .unauthorized), ("forbidden", .forbidden), ("csrf", .forbidden),
        ("not_found", .notFound), ("method_not_allowed", .methodNotAllowed), ("conflict", .conflict),
        ("read_only", .conflict),
        ("too_large", .contentTooLarge), ("too_many_requests", .tooManyRequests), ("unavailable", .serviceUnavailable),
        ("internal", .internalServerError),
    ]

    /// The refusal's response, with the status its code implies (``codes``; 500 for an unknown code).
    static func response(message: String, code: String, field: String?) -> Response {
        let status = codes.first { $0.code == code }?.status ?? .internalServerError
        return respond(RefusalBody(error: message, code: code, field: field), status: status)
    }

    /// The refusal for an answer of `status` (Hummingbird's errors, or a route's HTTP error), its code from
    /// ``codes``: `internal` for other server errors, `refused` for any other status.
    static func response(status: HTTPResponse.Status, message: String) -> Response {
        let code = codes.first { $0.status == status }?.code ?? (status.code >= 500 ? "internal" : "refused")
        return respond(RefusalBody(error: message, code: code, field: nil), status: status)
    }

    private static func respond(_ body: RefusalBody, status: HTTPResponse.Status) -> Response {
        (try? JSONAnswer.response(body, status: status)) ?? Response(status: status)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(error, forKey: .error)
        try container.encode(code, forKey: .code)
        try container.encode(field, forKey: .field)
    }

    enum CodingKeys: String, CodingKey { case error, code, field }
}
