import SNMPKit
import VedettaCore

/// The label set of each row of one table in one poll: the target's labels, the decoded row index and the row's
/// label columns, built once per row and shared by the row's samples of every metric column.
///
/// The columns of a table walked in one poll usually have the same rows in the same order. One of them, the
/// *reference*, numbers the rows; a column with the same indexes (``SNMPColumn/indexes``, compared once
/// per column) finds a row's labels by its place, with no lookup. Only a column whose rows differ (a sparse
/// table, an agent that skipped a row) looks its rows up by index.
///
/// A device's polls look alike, so the rows are kept for the next poll (``SNMPSampleMemory``). When the next poll
/// has the same rows and the same label column values (``rows(of:columns:baseLabels:previous:)``), its samples
/// get the very label sets of the poll before, and an `info` value that did not change its label set too: nothing
/// is decoded, sorted or hashed again.
struct SNMPTableRows: Sendable {
    /// A label column as walked: what decides whether the rows of the poll before still hold.
    private struct LabelColumn: Sendable, Equatable {
        var indexes: SNMPColumn.Indexes
        var values: [SNMPValue]
    }

    /// The label sets of an `info` column's rows, with the values they were made from, by reference row.
    private struct InfoColumn: Sendable {
        var values: [SNMPValue]
        var labels: [LabelSet?]
    }

    private let reference: SNMPColumn.Indexes
    private let baseLabels: LabelSet
    private let indexComponents: [SNMPIndexComponent]
    /// The table's label columns, in `labels:` order (`nil`: not walked).
    private let labelColumns: [LabelColumn?]
    /// The label columns' labels of each reference row, in `labels:` order.
    private var extraLabels: [[LabelSet.Label]]
    /// Per reference row: `nil` until built, then the row's labels (`.some(nil)`: its index does not decode).
    private var rowLabels: [LabelSet??]
    /// The reference rows by index, built for the first column whose rows differ.
    private var referenceRows: [ArraySlice<UInt32>: Int]?
    /// Rows that are not among the reference's: their label columns' labels, and their labels once built.
    private var otherExtraLabels: [ArraySlice<UInt32>: [LabelSet.Label]] = [:]
    private var otherRowLabels: [ArraySlice<UInt32>: LabelSet?] = [:]
    /// The `info` columns with the reference's rows, by the metric's place in the table.
    private var infoColumns: [Int: InfoColumn] = [:]
    /// How many label sets were made (rows and `info` values) since the rows were made or taken for a new poll.
    private(set) var labelSetsMade = 0

    /// The rows of `table` in one poll: those of `previous` (the same table's rows in the poll before) when the
    /// rows, the label column values and the target's labels are the same, else built afresh. `nil` when no
    /// metric column of the table was walked.
    static func rows(
        of table: SNMPTable, columns: [OID: SNMPColumn], baseLabels: LabelSet, previous: SNMPTableRows?
    ) -> SNMPTableRows? {
        guard let referenceColumn = table.metrics.lazy.compactMap({ columns[$0.oid] }).first else { return nil }
        let reference = referenceColumn.indexes
        let labelColumns = table.labels.map { label in
            columns[label.oid].map { LabelColumn(indexes: $0.indexes, values: $0.values) }
        }
        if let previous, previous.reference == reference, previous.labelColumns == labelColumns,
            previous.baseLabels == baseLabels
        {
            var rows = previous
            rows.labelSetsMade = 0
            return rows
        }
        var rows = SNMPTableRows(
            reference: reference, baseLabels: baseLabels, index: table.index, labelColumns: labelColumns)
        for (label, column) in zip(table.labels, labelColumns) {
            guard let column else { continue }
            rows.addLabelColumn(named: label.name, column)
        }
        return rows
    }

    private init(
        reference: SNMPColumn.Indexes, baseLabels: LabelSet, index: [SNMPIndexComponent], labelColumns: [LabelColumn?]
    ) {
        self.reference = reference
        self.baseLabels = baseLabels
        self.indexComponents = index
        self.labelColumns = labelColumns
        extraLabels = Array(repeating: [], count: reference.count)
        rowLabels = Array(repeating: nil, count: reference.count)
    }

    /// Adds the label `name` with the text of each row of `column` (an empty text leaves the label out, as
    /// Prometheus does).
    private mutating func addLabelColumn(named name: String, _ column: LabelColumn) {
        let aligned = column.indexes == reference
        for row in column.values.indices {
            guard let text = SNMPLabelText.text(of: column.values[row]), !text.isEmpty else { continue }
            let label = LabelSet.Label(name: name, value: text)
            if aligned {
                extraLabels[row].append(label)
                continue
            }
            let index = column.indexes.index(at: row)
            guard !index.isEmpty else { continue }
            if let place = referenceRow(of: index) {
                extraLabels[place].append(label)
            } else {
                otherExtraLabels[index, default: []].append(label)
            }
        }
    }

    /// Calls `body` with the place in `column` (a metric column of the table) and the labels of each of its rows
    /// whose index decodes.
    mutating func forEachRow(of column: SNMPColumn, _ body: (Int, LabelSet) -> Void) {
        if column.indexes == reference {
            for row in 0..<column.count {
                if let labels = labels(ofReferenceRow: row) { body(row, labels) }
            }
            return
        }
        for row in 0..<column.count {
            let index = column.index(at: row)
            guard !index.isEmpty else { continue }
            if let place = referenceRow(of: index) {
                if let labels = labels(ofReferenceRow: place) { body(row, labels) }
            } else if let labels = labels(ofOtherRow: index) {
                body(row, labels)
            }
        }
    }

    /// Calls `body` with the labels of the `info` sample of each row of `column`, the metric at place `metric` of
    /// the table named `name`: the row's labels with `name` set to the value's text
    /// (``SNMPSampleBuilder/infoLabels(_:name:value:)``). A row whose value is the one of the poll before gets the
    /// label set made then.
    mutating func forEachInfoRow(of column: SNMPColumn, metric: Int, name: String, _ body: (LabelSet) -> Void) {
        let values = column.values
        let previous = infoColumns.removeValue(forKey: metric)
        guard column.indexes == reference else {
            forEachRow(of: column) { row, labels in
                if let info = SNMPSampleBuilder.infoLabels(labels, name: name, value: values[row]) { body(info) }
            }
            return
        }
        var kept = InfoColumn(values: values, labels: [])
        kept.labels.reserveCapacity(values.count)
        for row in values.indices {
            let info: LabelSet?
            if let previous, row < previous.values.count, previous.values[row] == values[row] {
                info = previous.labels[row]
            } else {
                info = labels(ofReferenceRow: row).flatMap {
                    SNMPSampleBuilder.infoLabels($0, name: name, value: values[row])
                }
                labelSetsMade += 1
            }
            kept.labels.append(info)
            if let info { body(info) }
        }
        infoColumns[metric] = kept
    }

    private mutating func labels(ofReferenceRow row: Int) -> LabelSet? {
        if let built = rowLabels[row] { return built }
        let index = reference.index(at: row)
        let labels = index.isEmpty ? nil : makeLabels(index: index, extra: extraLabels[row])
        rowLabels[row] = .some(labels)
        labelSetsMade += 1
        return labels
    }

    private mutating func labels(ofOtherRow index: ArraySlice<UInt32>) -> LabelSet? {
        if let built = otherRowLabels[index] { return built }
        let labels = makeLabels(index: index, extra: otherExtraLabels[index] ?? [])
        otherRowLabels[index] = .some(labels)
        labelSetsMade += 1
        return labels
    }

    /// The target's labels, the decoded index and the label columns' labels, later ones winning on a clash; `nil`
    /// when the index does not decode.
    private func makeLabels(index: ArraySlice<UInt32>, extra: [LabelSet.Label]) -> LabelSet? {
        SNMPIndexDecoder.labelList(for: index, components: indexComponents).map { decoded in
            LabelSet(labels: baseLabels.labels + decoded + extra)
        }
    }

    /// The place of the reference row with `index`, if it has one.
    private mutating func referenceRow(of index: ArraySlice<UInt32>) -> Int? {
        if referenceRows == nil {
            var rows: [ArraySlice<UInt32>: Int] = [:]
            rows.reserveCapacity(reference.count)
            for row in 0..<reference.count where rows[reference.index(at: row)] == nil {
                rows[reference.index(at: row)] = row
            }
            referenceRows = rows
        }
        return referenceRows?[index]
    }
}
