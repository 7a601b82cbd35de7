#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Parses the certificate dates libcurl reports in `CURLINFO_CERTINFO`.
enum CertificateDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Parses OpenSSL's `Jan  2 03:04:05 2030 GMT` or the ISO-like `2030-01-02 03:04:05 GMT`; `nil` otherwise.
    static func parse(_ text: String) -> Date? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let year: Int
        let month: Int
        let day: Int
        let clock: String
        if parts.count >= 4, let index = months.firstIndex(of: parts[0].lowercased()), let d = Int(parts[1]),
            let y = Int(parts[3])
        {
            (year, month, day, clock) = (y, index + 1, d, parts[2])
        } else if parts.count >= 2 {
            let date = parts[0].split(separator: "-").compactMap { Int($0) }
            guard date.count == 3 else { return nil }
            (year, month, day, clock) = (date[0], date[1], date[2], parts[1])
        } else {
            return nil
        }
        let time = clock.split(separator: ":").compactMap { Int($0.prefix { $0.isNumber }) }
        guard time.count == 3, (1...12).contains(month), (1...31).contains(day) else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = ((days * 24 + time[0]) * 60 + time[1]) * 60 + time[2]
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
