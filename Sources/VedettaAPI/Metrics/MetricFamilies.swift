public import VedettaCore

/// Samples rendered once in the Prometheus text format, grouped by metric family, ready to be put together with
/// other groups: one device's poll is rendered when it arrives, and every scrape concatenates the cached text
/// instead of rendering every series again.
public struct MetricFamilies: Sendable {
    /// One metric family's text.
    public struct Family: Sendable, Hashable {
        /// `# HELP` and `# TYPE` lines.
        public var header: String
        /// The series lines, sorted by labels.
        public var lines: String
    }

    /// The families, by metric name.
    public private(set) var byName: [String: Family]

    /// Renders `samples`; a series given twice keeps the last value.
    public init(rendering samples: [Sample]) {
        var grouped: [String: [SeriesKey: Sample]] = [:]
        for sample in samples {
            grouped[sample.name, default: [:]][sample.seriesKey] = sample
        }
        var byName: [String: Family] = [:]
        for (name, series) in grouped {
            guard let first = series.values.first else { continue }
            var header = ""
            if !first.help.isEmpty { header += "# HELP \(name) \(PrometheusEscaping.help(first.help))\n" }
            header += "# TYPE \(name) \(first.kind == .counter ? "counter" : "gauge")\n"
            // Each series' label text is built once, then sorted: comparing `description`s would rebuild both
            // strings on every comparison (n log n times).
            let rows = series.map {
                (labels: $0.key.labels.isEmpty ? "" : $0.key.labels.description, value: $0.value.value)
            }
            var lines = ""
            for row in rows.sorted(by: { $0.labels < $1.labels }) {
                lines += name + row.labels + " " + PrometheusTextRenderer.format(row.value) + "\n"
            }
            byName[name] = Family(header: header, lines: lines)
        }
        self.byName = byName
    }

    /// Whether there is no family at all.
    public var isEmpty: Bool { byName.isEmpty }

    /// One exposition from several groups: each family once, with the header of the first group that has it, then
    /// the lines of every group in the order given. Valid text format as long as no series appears in two groups
    /// (each group is one device's, and every series carries its `device` label).
    public static func exposition(_ groups: [MetricFamilies]) -> String {
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
                    text += family.header
                    headed = true
                }
                text += family.lines
            }
        }
        return text
    }
}
