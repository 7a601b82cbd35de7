import Foundation
import Hummingbird
import VedettaCore

/// JSON answers: sorted keys, pretty-printed, slashes unescaped (paths read as paths), dates as ISO 8601 with milliseconds, and numbers JSON cannot hold
/// (an alert's value of +Inf, or NaN) as the strings Prometheus' API uses: `"+Inf"`, `"-Inf"`, `"NaN"`.
enum JSONAnswer {
    static func response(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601Milliseconds
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        let data = try encoder.encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
