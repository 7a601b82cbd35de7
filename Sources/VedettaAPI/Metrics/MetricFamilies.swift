public import VedettaCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Samples rendered once, grouped by metric family, ready to be put together with other groups: one device's poll
/// is rendered when it arrives, and every scrape concatenates the cached text instead of rendering every series
/// again. The series lines are the same in both ``ExpositionFormat``s; each family's `# HELP` and `# TYPE` lines
/// are written for the format a scrape asks for.
public struct MetricFamilies: Sendable {
    /// One metric family's text.
    public struct Family: Sendable, Hashable {
        /// Whether the series are a counter's (a gauge's otherwise).
        public var isCounter: Bool
        /// The raw help text, empty when there is none.
        public var help: String
        /// The series lines, sorted by labels, as UTF-8.
        public var lines: [UInt8]
    }

    /// One series while rendering: where its label text is in the family's label bytes, and its place in the poll.
    private struct Row {
        var start: Int
        var end: Int
        var order: Int
    }

    /// The families, by metric name.
    public private(set) var byName: [String: Family]

    /// Renders `samples`; a series given twice keeps the last value.
    public init(rendering samples: [Sample]) {
        var grouped: [String: [Int]] = [:]
        for index in samples.indices {
            grouped[samples[index].name, default: []].append(index)
        }
        var byName: [String: Family] = [:]
        byName.reserveCapacity(grouped.count)
        for (name, indices) in grouped {
            guard let firstIndex = indices.first else { continue }
            let first = samples[firstIndex]
            byName[name] = Family(
                isCounter: first.kind == .counter, help: first.help,
                lines: Self.lines(name: name, of: indices, in: samples))
        }
        self.byName = byName
    }

    /// The lines of one family. Each series' label text is written once into one buffer, then the series are
    /// sorted by those bytes (the poll order breaking ties, so that of a series given twice the last one is kept):
    /// no label set is hashed, compared field by field or turned into a `String`.
    private static func lines(name: String, of indices: [Int], in samples: [Sample]) -> [UInt8] {
        var labels: [UInt8] = []
        labels.reserveCapacity(indices.count * 96)
        var rows: [Row] = []
        rows.reserveCapacity(indices.count)
        for index in indices {
            let start = labels.count
            samples[index].labels.appendPrometheusText(to: &labels)
            rows.append(Row(start: start, end: labels.count, order: index))
        }
        let nameBytes = Array(name.utf8)
        var lines: [UInt8] = []
        lines.reserveCapacity(labels.count + rows.count * (nameBytes.count + 24))
        labels.withUnsafeBufferPointer { labels in
            func text(_ row: Row) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: labels[row.start..<row.end])
            }
            /// Byte order of two rows' label texts (memcmp, then the shorter first).
            func compare(_ lhs: Row, _ rhs: Row) -> Int {
                let left = lhs.end - lhs.start
                let right = rhs.end - rhs.start
                if let base = labels.baseAddress, min(left, right) > 0 {
                    let order = memcmp(base + lhs.start, base + rhs.start, min(left, right))
                    if order != 0 { return Int(order) }
                }
                return left - right
            }
            rows.sort { lhs, rhs in
                let order = compare(lhs, rhs)
                return order == 0 ? lhs.order < rhs.order : order < 0
            }
            for (position, row) in rows.enumerated() {
                if position + 1 < rows.count, compare(rows[position + 1], row) == 0 { continue }
                lines.append(contentsOf: nameBytes)
                lines.append(contentsOf: text(row))
                lines.append(UInt8(ascii: " "))
                PrometheusTextRenderer.appendValue(samples[row.order].value, to: &lines)
                lines.append(UInt8(ascii: "\n"))
            }
        }
        return lines
    }

    /// Whether there is no family at all.
    public var isEmpty: Bool { byName.isEmpty }

    /// One exposition from several groups: each family once, with the type and help of the first group that has
    /// it, then the lines of every group in the order given. Valid as long as no series appears in two groups (each
    /// group is one device's, and every series carries its `device` label).
    /// - Parameters:
    ///   - groups: The groups, in the order their lines are wanted.
    ///   - format: The format's headers; OpenMetrics' `# EOF` is left to the caller, who may add more families.
    ///   - output: Where the text is appended.
    public static func write(
        _ groups: [MetricFamilies], format: ExpositionFormat = .prometheusText, to output: inout some ExpositionOutput
    ) {
        var names = Set<String>()
        var bytes = 0
        for group in groups {
            for (name, family) in group.byName {
                names.insert(name)
                bytes += family.lines.count
            }
        }
        output.reserve(bytes + names.count * 128)
        for name in names.sorted() {
            var headed = false
            for group in groups {
                guard let family = group.byName[name] else { continue }
                if !headed {
                    output.append(
                        format.familyHeader(
                            name: name, isCounter: family.isCounter, help: family.help, isTaken: names.contains))
                    headed = true
                }
                output.append(family.lines)
            }
        }
    }

    /// ``write(_:format:to:)`` as a `String`.
    public static func exposition(_ groups: [MetricFamilies], format: ExpositionFormat = .prometheusText) -> String {
        var bytes: [UInt8] = []
        write(groups, format: format, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Where an exposition is written: a byte array, or the response's buffer, so that the megabytes of a full dump
/// are copied once.
public protocol ExpositionOutput {
    /// Makes room for about `count` more bytes.
    mutating func reserve(_ count: Int)
    /// Appends UTF-8 bytes.
    mutating func append(_ bytes: [UInt8])
    /// Appends a string's UTF-8.
    mutating func append(_ text: String)
}

extension Array: ExpositionOutput where Element == UInt8 {
    /// Makes room for about `count` more bytes.
    public mutating func reserve(_ count: Int) { reserveCapacity(self.count + count) }
    /// Appends UTF-8 bytes.
    public mutating func append(_ bytes: [UInt8]) { append(contentsOf: bytes) }
    /// Appends a string's UTF-8.
    public mutating func append(_ text: String) { append(contentsOf: text.utf8) }
}
