public import Foundation

extension Date {
    /// The date as ISO 8601 UTC with milliseconds, e.g. `2026-11-23T03:12:09.120Z`: the form of every
    /// timestamp Vedetta writes (CLI JSON, API, webhooks), precise enough that durations can be recomputed.
    public var iso8601Milliseconds: String {
        formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Parses an ISO 8601 timestamp with or without fractional seconds.
    /// - Parameter text: e.g. `2026-11-23T03:12:09.120Z` or `2026-11-23T03:12:09Z`.
    /// - Returns: The date, or `nil` when `text` is not ISO 8601.
    public static func parseISO8601(_ text: String) -> Date? {
        (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
            ?? (try? Date.ISO8601FormatStyle().parse(text))
    }
}

extension JSONEncoder.DateEncodingStrategy {
    /// ISO 8601 with milliseconds (``Foundation/Date/iso8601Milliseconds``).
    public static var iso8601Milliseconds: Self {
        .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.iso8601Milliseconds)
        }
    }
}

extension JSONDecoder.DateDecodingStrategy {
    /// ISO 8601 with or without fractional seconds.
    public static var iso8601Milliseconds: Self {
        .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Date.parseISO8601(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not ISO 8601: \(text)")
            }
            return date
        }
    }
}
