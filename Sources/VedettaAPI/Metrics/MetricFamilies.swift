public import VedettaCore

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
        /// The series lines, sorted by labels.
        public var lines: String
    }

    /// One series while rendering: its label text and its place in the poll.
    private struct Row: Comparable {
        var labels: String
        var order: Int

        static func < (lhs: Row, rhs: Row) -> Bool {
            lhs.labels == rhs.labels ? lhs.order < rhs.order : lhs.labels < rhs.labels
        }
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
            // Each series' label text is built once, then sorted (with the poll order breaking ties, so that of a
            // series given twice the last one is kept): no label set is hashed or compared field by field.
            var rows: [Row] = indices.map { index in
                let labels = samples[index].labels
                return Row(labels: labels.isEmpty ? "" : labels.description, order: index)
            }
            rows.sort()
            var lines = ""
            for (position, row) in rows.enumerated() {
                if position + 1 < rows.count, rows[position + 1].labels == row.labels { continue }
                lines += name
                lines += row.labels
                lines += " "
                lines += PrometheusTextRenderer.format(samples[row.order].value)
                lines += "\n"
            }
            byName[name] = Family(isCounter: first.kind == .counter, help: first.help, lines: lines)
        }
        self.byName = byName
    }

    /// Whether there is no family at all.
    public var isEmpty: Bool { byName.isEmpty }

    /// One exposition from several groups: each family once, with the type and help of the first group that has
    /// it, then the lines of every group in the order given. Valid as long as no series appears in two groups (each
    /// group is one device's, and every series carries its `device` label).
    /// - Parameters:
    ///   - groups: The groups, in the order their lines are wanted.
    ///   - format: The format's headers; OpenMetrics' `# EOF` is left to the caller, who may add more families.
    /// - Returns: The families' text.
    public static func exposition(_ groups: [MetricFamilies], format: ExpositionFormat = .prometheusText) -> String {
        var names = Set<String>()
        var bytes = 0
        for group in groups {
            for (name, family) in group.byName {
                names.insert(name)
                bytes += family.lines.utf8.count
            }
        }
        var text = ""
        text.reserveCapacity(bytes + names.count * 128)
        for name in names.sorted() {
            var headed = false
            for group in groups {
                guard let family = group.byName[name] else { continue }
                if !headed {
                    text += format.familyHeader(
                        name: name, isCounter: family.isCounter, help: family.help, isTaken: names.contains)
                    headed = true
                }
                text += family.lines
            }
        }
        return text
    }
}
