/// One request the fixture server recorded (see ``HTTPServerFixture/recordedRequests()``).
public struct RecordedRequest: Sendable, Equatable, Decodable {
    /// The HTTP method, e.g. `POST`.
    public var method: String
    /// The request target: path plus query.
    public var path: String
    /// The request headers with lower-case names; repeated headers are joined with `, `.
    public var headers: [String: String]
    /// The body decoded as UTF-8 (invalid bytes replaced).
    public var body: String
    /// The status the server answered with (503 while failing on purpose).
    public var status: Int

    /// The value of header `name` (any case), or `nil`.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}
