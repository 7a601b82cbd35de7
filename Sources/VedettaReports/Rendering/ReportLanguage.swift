import Foundation
import VedettaMaintenance

/// The languages reports are written in, with their words and their way of writing numbers, durations and dates.
public enum ReportLanguage: String, Sendable, Hashable, CaseIterable {
    /// English: `99.95%`, `1,234`, `2 December 2026`.
    case english = "en"
    /// Italian: `99,95%`, `1.234`, `2 dicembre 2026`.
    case italian = "it"

    /// The words of the language.
    var words: ReportWords {
        switch self {
        case .english: .english
        case .italian: .italian
        }
    }

    /// An integer with thousands separators: `12,345` / `12.345`.
    func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(self == .english ? "," : ".") }
            grouped.append(character)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// A decimal number with `digits` decimals: `99.952` / `99,952`.
    func decimal(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "–" }
        let scale = pow(10.0, Double(digits))
        let rounded = (value * scale).rounded() / scale
        let whole = Int(rounded.magnitude.rounded(.down))
        var text = integer(whole)
        if digits > 0 {
            let fraction = Int(((rounded.magnitude - Double(whole)) * scale).rounded())
            let padded = String(fraction)
            text +=
                (self == .english ? "." : ",") + String(repeating: "0", count: max(0, digits - padded.count)) + padded
        }
        return (rounded < 0 ? "-" : "") + text
    }

    /// A percentage with three decimals (availability is read to the thousandth): `99.952%`; `–` for none.
    func percent(_ value: Double?) -> String {
        value.map { decimal($0, digits: 3) + "%" } ?? "–"
    }

    /// A signed change in percentage points: `+0.012 pp` / `+0,012 pp`; `–` when either side is missing.
    func pointChange(_ value: Double?, from previous: Double?) -> String {
        guard let value, let previous else { return "–" }
        let change = value - previous
        return (change >= 0 ? "+" : "") + decimal(change, digits: 3) + " pp"
    }

    /// A duration for people: `45 s`, `12 min`, `1 h 05 min`, `2 d 3 h`, `28,679 d 18 h` (`28.679 g 18 h` in
    /// Italian); `–` for none.
    func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "–" }
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total) s" }
        let minutes = total / 60
        if minutes < 60 { return "\(minutes) min" }
        let hours = minutes / 60
        if hours < 24 { return "\(hours) h " + (minutes % 60 < 10 ? "0" : "") + "\(minutes % 60) min" }
        return "\(integer(hours / 24)) \(words.dayUnit) \(hours % 24) h"
    }

    /// A signed change of a duration: `+5 min`, `-1 h 05 min`; `–` when either side is missing.
    func durationChange(_ value: Double?, from previous: Double?) -> String {
        guard let value, let previous else { return "–" }
        let change = value - previous
        return (change >= 0 ? "+" : "-") + duration(change.magnitude)
    }

    /// A date in words: `2 December 2026` / `2 dicembre 2026`.
    func longDate(_ date: Date, in zone: TimeZone) -> String {
        let local = LocalDateTime(date, in: zone)
        return "\(local.day) \(words.months[local.month - 1]) \(local.year)"
    }

    /// A date and time: `2026-12-02 08:00` / `02/12/2026 08:00`.
    func dateTime(_ date: Date, in zone: TimeZone) -> String {
        let local = LocalDateTime(date, in: zone)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let time = "\(two(local.hour)):\(two(local.minute))"
        switch self {
        case .english: return "\(local.year)-\(two(local.month))-\(two(local.day)) \(time)"
        case .italian: return "\(two(local.day))/\(two(local.month))/\(local.year) \(time)"
        }
    }

    /// A `yyyy-MM-dd` day as the language writes it: unchanged / `dd/MM/yyyy`.
    func day(_ isoDate: String) -> String {
        guard self == .italian else { return isoDate }
        let parts = isoDate.split(separator: "-")
        guard parts.count == 3 else { return isoDate }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }
}
