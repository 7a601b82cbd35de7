import Foundation
import Hummingbird
import VedettaCore

/// JSON answers: sorted keys, pretty-printed, dates as ISO 8601 with milliseconds.
enum JSONAnswer {
    static func response(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601Milliseconds
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data = try encoder.encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
