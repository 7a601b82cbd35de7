/// Reads performance data items, `'label'=value[UOM];[warn];[crit];[min];[max]` separated by spaces, as the
/// Monitoring Plugins guidelines write them: a label with spaces is quoted with `'`, a `'` inside it doubled; a
/// value of `U` means the plugin could not measure it (the item is skipped, without a problem).
struct PerformanceDataReader {
    /// What was read, the first of each label.
    private(set) var data: [PerformanceDatum] = []
    /// Why each unreadable item was skipped.
    private(set) var problems: [String] = []
    private var labels: Set<String> = []

    /// Reads every item of one line of performance data.
    mutating func read(_ line: Substring) {
        var rest = line.drop(while: \.isWhitespace)
        while !rest.isEmpty {
            let label: String
            if rest.first == "'" {
                guard let (quoted, after) = Self.quotedLabel(rest) else {
                    problems.append("unterminated quote in \"\(rest.prefix(60))\"")
                    return
                }
                label = quoted
                rest = after
            } else {
                let end = rest.firstIndex { $0 == "=" || $0.isWhitespace } ?? rest.endIndex
                label = String(rest[..<end])
                rest = rest[end...]
            }
            guard rest.first == "=" else {
                let item = label + rest.prefix { !$0.isWhitespace }
                problems.append("\"\(item)\" is not label=value")
                rest = rest.drop { !$0.isWhitespace }.drop(while: \.isWhitespace)
                continue
            }
            rest = rest.dropFirst()
            let end = rest.firstIndex(where: \.isWhitespace) ?? rest.endIndex
            record(label: label, fields: rest[..<end])
            rest = rest[end...].drop(while: \.isWhitespace)
        }
    }

    private mutating func record(label: String, fields: Substring) {
        guard !label.isEmpty else {
            problems.append("an item has an empty label: \"=\(fields)\"")
            return
        }
        let parts = fields.split(separator: ";", omittingEmptySubsequences: false)
        let first = parts.first ?? ""
        if first == "U" { return }  // undetermined: nothing to record, nothing wrong
        let numberEnd = Self.numberEnd(first)
        guard let raw = Double(first[..<numberEnd]), raw.isFinite else {
            problems.append("value \"\(first)\" of \(label) is not a number")
            return
        }
        guard labels.insert(label).inserted else {
            problems.append("label \(label) appears twice; the first is kept")
            return
        }
        let (unit, multiplier, divisor) = PerformanceUnit.conversion(of: first[numberEnd...])
        func number(_ index: Int) -> Double? {
            guard index < parts.count, let value = Double(parts[index]), value.isFinite else { return nil }
            return value * multiplier / divisor
        }
        data.append(
            PerformanceDatum(
                label: label, value: raw * multiplier / divisor, unit: unit, warning: number(1), critical: number(2),
                minimum: number(3), maximum: number(4)))
    }

    /// The end of the number at the start of `text`: digits, sign, decimal point and an exponent (an `e` followed
    /// by a digit or a sign), so that `10ms` ends before `m` and `1e3` is one number.
    private static func numberEnd(_ text: Substring) -> Substring.Index {
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isASCII, character.isNumber || "+-.".contains(character) {
                index = text.index(after: index)
            } else if character == "e" || character == "E" {
                let next = text.index(after: index)
                guard next < text.endIndex, text[next].isNumber || "+-".contains(text[next]) else { break }
                index = next
            } else {
                break
            }
        }
        return index
    }

    /// A label in single quotes, with `''` standing for `'`, and the text after the closing quote.
    private static func quotedLabel(_ text: Substring) -> (String, Substring)? {
        var label = ""
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "'" {
                if next < text.endIndex, text[next] == "'" {
                    label.append("'")
                    index = text.index(after: next)
                    continue
                }
                return (label, text[next...])
            }
            label.append(character)
            index = next
        }
        return nil
    }
}
