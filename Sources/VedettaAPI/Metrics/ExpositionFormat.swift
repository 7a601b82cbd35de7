import VedettaCore

/// The two text formats a scrape may ask for, chosen from its `Accept` header.
///
/// The series lines are the same in both; the formats differ in the `# TYPE` and `# HELP` lines, in the `# EOF`
/// that ends an OpenMetrics exposition, and in the content type. Prometheus since 2.5 asks for OpenMetrics first
/// (`Accept: application/openmetrics-text;version=1.0.0,…,text/plain;version=0.0.4;q=0.5,…`); curl and older
/// scrapers ask for nothing in particular and get the classic text format.
public enum ExpositionFormat: Sendable, Equatable {
    /// The Prometheus text format, version 0.0.4.
    case prometheusText
    /// OpenMetrics 1.0.0.
    case openMetrics

    /// The format `accept` prefers: OpenMetrics when the header names `application/openmetrics-text` with a quality
    /// at least as high as any media range the text format satisfies; the text format otherwise, and when there is
    /// no header.
    /// - Parameter accept: The request's `Accept` header, if any.
    public init(accept: String?) {
        guard let accept else {
            self = .prometheusText
            return
        }
        var openMetricsQuality = 0.0
        var textQuality = 0.0
        for range in accept.split(separator: ",") {
            let parameters = range.split(separator: ";").map { $0.trimmingWhitespace().lowercased() }
            guard let mediaType = parameters.first else { continue }
            var quality = 1.0
            var version: String?
            for parameter in parameters.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { String($0) }
                guard pair.count == 2 else { continue }
                switch pair[0] {
                case "q": quality = Double(pair[1]) ?? 0
                case "version": version = pair[1]
                default: break
                }
            }
            switch mediaType {
            case "application/openmetrics-text" where version == nil || version == "1.0.0" || version == "0.0.1":
                openMetricsQuality = max(openMetricsQuality, quality)
            case "text/plain", "text/*", "*/*":
                textQuality = max(textQuality, quality)
            default:
                continue
            }
        }
        self = openMetricsQuality > 0 && openMetricsQuality >= textQuality ? .openMetrics : .prometheusText
    }

    /// The `Content-Type` of an answer in this format.
    public var contentType: String {
        switch self {
        case .prometheusText: "text/plain; version=0.0.4; charset=utf-8"
        case .openMetrics: "application/openmetrics-text; version=1.0.0; charset=utf-8"
        }
    }

    /// What ends an exposition: `# EOF` in OpenMetrics, nothing in the text format.
    public var trailer: String {
        self == .openMetrics ? "# EOF\n" : ""
    }

    /// The `# HELP` and `# TYPE` lines of one metric family.
    ///
    /// In OpenMetrics a counter's family is named without the `_total` its samples carry. A counter whose samples
    /// do not end in `_total` (SNMP counters such as `ifHCInOctets`) cannot be an OpenMetrics counter without being
    /// renamed, and renaming would break every query and dashboard that uses it, so it is declared `unknown`, as is
    /// a counter whose family name would collide with another family.
    /// - Parameters:
    ///   - name: The samples' metric name.
    ///   - isCounter: Whether the samples are a counter's.
    ///   - help: The raw help text; no `# HELP` line when empty.
    ///   - isTaken: Whether another family of the exposition already uses a name (asked only for OpenMetrics).
    /// - Returns: The lines, each ending in a line feed.
    public func familyHeader(
        name: String, isCounter: Bool, help: String, isTaken: (String) -> Bool = { _ in false }
    ) -> String {
        let family: String
        let type: String
        switch self {
        case .prometheusText:
            (family, type) = (name, isCounter ? "counter" : "gauge")
        case .openMetrics where isCounter:
            let base = Self.openMetricsCounterFamily(of: name, isTaken: isTaken)
            (family, type) = base.map { ($0, "counter") } ?? (name, "unknown")
        case .openMetrics:
            (family, type) = (name, "gauge")
        }
        var header = ""
        if !help.isEmpty { header += "# HELP \(family) \(helpText(help))\n" }
        header += "# TYPE \(family) \(type)\n"
        return header
    }

    /// `text`, already in the Prometheus text format (the agent's own metrics from its registry), in this format:
    /// its `# HELP` and `# TYPE` lines rewritten as ``familyHeader(name:isCounter:help:isTaken:)`` writes them,
    /// series lines unchanged. Histograms and gauges keep their type.
    public func converting(prometheusText text: String) -> String {
        guard self == .openMetrics else { return text }
        var converted = ""
        converted.reserveCapacity(text.utf8.count + 64)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let types = lines.lazy.filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ", maxSplits: 3) }
        let names = Set(types.compactMap { $0.count == 4 ? String($0[2]) : nil })
        var counterFamilies: [Substring: String] = [:]
        for fields in types where fields.count == 4 && fields[3] == "counter" {
            counterFamilies[fields[2]] = Self.openMetricsCounterFamily(of: String(fields[2]), isTaken: names.contains)
        }
        for line in lines {
            let fields = line.hasPrefix("# ") ? line.split(separator: " ", maxSplits: 3) : []
            guard fields.count >= 3, fields[1] == "HELP" || fields[1] == "TYPE" else {
                converted += line
                converted += "\n"
                continue
            }
            let name = fields[2]
            let rest = fields.count == 4 ? fields[3] : ""
            if fields[1] == "TYPE" {
                let isCounter = rest == "counter"
                let family = isCounter ? counterFamilies[name] ?? String(name) : String(name)
                let known = !(isCounter && counterFamilies[name] == nil) && rest != "untyped"
                converted += "# TYPE \(family) \(known ? String(rest) : "unknown")\n"
            } else {
                // The text format escapes `\` and line feeds in help; OpenMetrics also escapes double quotes.
                let family = counterFamilies[name] ?? String(name)
                converted += "# HELP \(family) \(rest.replacing("\"", with: "\\\""))\n"
            }
        }
        return converted
    }

    /// The OpenMetrics counter family of a counter's samples named `name`: the name without `_total`, or `nil` when
    /// the samples do not end in `_total` or the family name is another family's.
    private static func openMetricsCounterFamily(of name: String, isTaken: (String) -> Bool) -> String? {
        guard name.hasSuffix("_total") else { return nil }
        let base = String(name.dropLast("_total".count))
        return base.isEmpty || isTaken(base) ? nil : base
    }

    private func helpText(_ help: String) -> String {
        switch self {
        case .prometheusText: PrometheusEscaping.help(help)
        case .openMetrics: PrometheusEscaping.labelValue(help)
        }
    }
}
