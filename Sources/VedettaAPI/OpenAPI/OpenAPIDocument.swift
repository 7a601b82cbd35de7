import Hummingbird

/// The API's OpenAPI 3.1 document (`openapi.json` beside this file), embedded in the binary at build time and
/// served at `GET /api/v1/openapi.json`. `OpenAPIDocumentTests` keeps it and the router in step: every route is
/// described, and nothing that is not a route.
enum OpenAPIDocument {
    /// The document's bytes, as written in the repository.
    static var bytes: [UInt8] { PackageResources.openapi_json }

    /// Adds `GET /api/v1/openapi.json` to `router`.
    static func add(to router: Router<APIRequestContext>) {
        router.get("/api/v1/openapi.json") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
