public import SNMPKit
public import VedettaCore

/// Turns the values collected for a profile into samples. Pure: no I/O, so every rule is unit-tested.
///
/// - Scalars become one sample each, with the target's labels.
/// - Table columns become one sample per row, labelled with the target's labels, the decoded row index
///   (``SNMPIndexDecoder``) and the row's label columns (text), in that order (later ones win on a clash);
///   an empty label column value leaves the label out, as Prometheus does. Values become label text by the
///   rules of ``SNMPLabelText``.
/// - `gauge` and `counter` values are numeric values times `scale`; `info` values become
///   `<name>{<name>="text"} 1`, as snmp_exporter does for DisplayStrings.
/// - Values that cannot be converted (exceptions, text for a gauge) are skipped.
public struct SNMPSampleBuilder: Sendable {
    /// Labels on every sample: the target's labels (including `device`).
    public var baseLabels: LabelSet

    /// Creates a builder.
    public init(baseLabels: LabelSet) {
        self.baseLabels = baseLabels
    }

    /// Every sample of `profile`.
    /// - Parameters:
    ///   - profile: The profile.
    ///   - scalars: Values fetched for the profile's scalar OIDs (missing ones are skipped).
    ///   - columns: The rows walked under each column OID (label and metric columns).
    /// - Returns: Scalar samples in profile order, then table samples by table, column and row.
    public func samples(
        for profile: SNMPProfile,
        scalars: [OID: SNMPValue],
        columns: [OID: SNMPColumn]
    ) -> [Sample] {
        samples(for: [profile], scalars: scalars, columns: columns)
    }

    /// Every sample of `profiles`, profile after profile, in one array: each profile's samples as the one-profile
    /// variant gives them.
    public func samples(
        for profiles: [SNMPProfile],
        scalars: [OID: SNMPValue],
        columns: [OID: SNMPColumn]
    ) -> [Sample] {
        var memory = SNMPSampleMemory()
        return samples(for: profiles, scalars: scalars, columns: columns, memory: &memory)
    }

    /// Every sample of `profiles`, as ``samples(for:scalars:columns:)-([SNMPProfile],_,_)`` gives them, with the
    /// label sets of the device's previous poll where its rows and label columns are the same.
    /// - Parameter memory: What the previous poll of the same profiles left; replaced by what this one leaves.
    public func samples(
        for profiles: [SNMPProfile],
        scalars: [OID: SNMPValue],
        columns: [OID: SNMPColumn],
        memory: inout SNMPSampleMemory
    ) -> [Sample] {
        var result: [Sample] = []
        result.reserveCapacity(
            profiles.reduce(0) { count, profile in
                count + profile.scalars.count + profile.tables.reduce(0) { $0 + Self.valueCount(of: $1, in: columns) }
            })
        var place = 0
        memory.labelSetsMade = 0
        for profile in profiles {
            for scalar in profile.scalars {
                guard let value = scalars[scalar.oid] else { continue }
                appendSample(
                    name: scalar.name, type: scalar.type, scale: scalar.scale,
                    widths: CounterWidths(scale: scalar.scale), help: scalar.help, value: value, labels: baseLabels,
                    to: &result)
            }
            for table in profile.tables {
                let previous = memory.tables.removeValue(forKey: place)
                if var rows = SNMPTableRows.rows(
                    of: table, columns: columns, baseLabels: baseLabels, previous: previous)
                {
                    appendSamples(for: table, rows: &rows, columns: columns, to: &result)
                    memory.labelSetsMade += rows.labelSetsMade
                    memory.tables[place] = rows
                }
                place += 1
            }
        }
        return result
    }

    /// The sample of one scalar, or `nil` when the value does not fit the metric type.
    public func sample(for scalar: SNMPScalarMetric, value: SNMPValue) -> Sample? {
        var sample: [Sample] = []
        appendSample(
            name: scalar.name, type: scalar.type, scale: scalar.scale, widths: CounterWidths(scale: scalar.scale),
            help: scalar.help, value: value, labels: baseLabels, to: &sample)
        return sample.first
    }

    /// The samples of one table: one per row of each metric column.
    public func samples(for table: SNMPTable, columns: [OID: SNMPColumn]) -> [Sample] {
        var result: [Sample] = []
        result.reserveCapacity(Self.valueCount(of: table, in: columns))
        if var rows = SNMPTableRows.rows(of: table, columns: columns, baseLabels: baseLabels, previous: nil) {
            appendSamples(for: table, rows: &rows, columns: columns, to: &result)
        }
        return result
    }

    /// Appends the samples of one table, whose rows are `rows`, to `result`.
    private func appendSamples(
        for table: SNMPTable, rows: inout SNMPTableRows, columns: [OID: SNMPColumn], to result: inout [Sample]
    ) {
        for (place, metric) in table.metrics.enumerated() {
            guard let column = columns[metric.oid] else { continue }
            if metric.type == .info {
                rows.forEachInfoRow(of: column, metric: place, name: metric.name) { labels in
                    result.append(Sample(name: metric.name, labels: labels, value: 1, kind: .gauge, help: metric.help))
                }
                continue
            }
            let values = column.values
            let widths = CounterWidths(scale: metric.scale)
            rows.forEachRow(of: column) { row, labels in
                appendSample(
                    name: metric.name, type: metric.type, scale: metric.scale, widths: widths, help: metric.help,
                    value: values[row], labels: labels, to: &result)
            }
        }
    }

    /// The labels of an `info` sample: `labels` with the label `name` set to the value's text; `nil` when the
    /// value has no text.
    static func infoLabels(_ labels: LabelSet, name: String, value: SNMPValue) -> LabelSet? {
        guard let text = SNMPLabelText.text(of: value) else { return nil }
        var labels = labels
        labels[name] = text
        return labels
    }

    /// How many values were walked for the metric columns of `table`: at most one sample each.
    private static func valueCount(of table: SNMPTable, in columns: [OID: SNMPColumn]) -> Int {
        table.metrics.reduce(0) { $0 + (columns[$1.oid]?.count ?? 0) }
    }

    /// Appends the sample of one value to `result`; nothing when the value does not fit the metric type. Each
    /// sample is made in place in the array: one made apart and then appended would be copied, its strings
    /// retained and released once more.
    @inline(__always)
    private func appendSample(
        name: String, type: SNMPMetricType, scale: Double, widths: CounterWidths, help: String,
        value: SNMPValue, labels: LabelSet, to result: inout [Sample]
    ) {
        switch type {
        case .gauge:
            guard let number = value.numericValue else { return }
            result.append(Sample(name: name, labels: labels, value: number * scale, kind: .gauge, help: help))
        case .counter:
            guard let number = value.numericValue else { return }
            // The width tells rules a Counter32 wrap from a reset; other types exported as counters have none.
            let width = widths.width(of: value)
            result.append(
                Sample(
                    name: name, labels: labels, value: number * scale, kind: .counter, help: help,
                    counterWidth: width))
        case .info:
            guard let labels = Self.infoLabels(labels, name: name, value: value) else { return }
            result.append(Sample(name: name, labels: labels, value: 1, kind: .gauge, help: help))
        }
    }
}

/// The widths of a column's counters, worked out once for all its rows.
struct CounterWidths {
    let bits32: CounterWidth
    let bits64: CounterWidth

    init(scale: Double) {
        bits32 = CounterWidth.bits32.scaled(by: scale)
        bits64 = CounterWidth.bits64.scaled(by: scale)
    }

    /// The width of `value` as a counter: `Counter32` and `Counter64` have one; other types exported as counters
    /// have none, so that their every decrease is taken as a reset.
    func width(of value: SNMPValue) -> CounterWidth? {
        switch value {
        case .counter32: bits32
        case .counter64: bits64
        default: nil
        }
    }
}
