import Foundation
public import VedettaCore

/// The spans of many incidents, column by column: what a report reads.
///
/// A year of a large installation's incidents is a million spans. As columns of numbers (times in milliseconds
/// since 1970), with each distinct label set, rule and category kept once and referred to by its index, they take
/// a few dozen bytes each, and a report walks them without copying strings or counting references.
///
/// It is also a collection of ``IncidentSpan``, for callers that want whole spans.
public struct IncidentSpanTable: Sendable, RandomAccessCollection {
    /// One span as numbers: the values of one row of every column.
    public struct Row: Sendable, Hashable {
        /// Stands for "none" in the stored optional times and numbers, so a row packs into 64 bytes (a million
        /// rows is a year of a large log).
        private static let none = Int64.min

        /// The incident's identifier.
        public var id: Int64
        /// When it was detected (ms).
        public var detectedAt: Int64
        private var storedAcknowledgedAt: Int64
        private var storedRestoredAt: Int64
        private var storedMaintenanceWindowID: Int64
        private var storedPagedAfterMaintenanceAt: Int64
        /// The rule: an index into ``IncidentSpanTable/rules``.
        public var rule: Int32
        /// The labels: an index into ``IncidentSpanTable/labelSets``.
        public var labelSet: Int32
        private var storedCategory: Int32
        /// How urgent it was.
        public var severity: Severity
        /// Whether an alert or a person opened it.
        public var origin: IncidentOrigin

        /// When it was acknowledged (ms).
        public var acknowledgedAt: Int64? {
            get { Self.value(storedAcknowledgedAt) }
            set { storedAcknowledgedAt = newValue ?? Self.none }
        }

        /// When it was restored (ms); `nil` while open.
        public var restoredAt: Int64? {
            get { Self.value(storedRestoredAt) }
            set { storedRestoredAt = newValue ?? Self.none }
        }

        /// The maintenance window it opened in.
        public var maintenanceWindowID: Int64? {
            get { Self.value(storedMaintenanceWindowID) }
            set { storedMaintenanceWindowID = newValue ?? Self.none }
        }

        /// When it paged because its window ended while it still failed (ms).
        public var pagedAfterMaintenanceAt: Int64? {
            get { Self.value(storedPagedAfterMaintenanceAt) }
            set { storedPagedAfterMaintenanceAt = newValue ?? Self.none }
        }

        /// The root-cause category: an index into ``IncidentSpanTable/categories``, or `nil`.
        public var category: Int32? {
            get { storedCategory < 0 ? nil : storedCategory }
            set { storedCategory = newValue ?? -1 }
        }

        /// Creates a row.
        ///
        /// - Parameters:
        ///   - id: The incident's identifier.
        ///   - rule: The rule's index in the table.
        ///   - severity: The severity.
        ///   - labelSet: The label set's index in the table.
        ///   - origin: Alert or manual.
        ///   - category: The category's index in the table (not negative).
        ///   - detectedAt: When it was detected (ms).
        ///   - acknowledgedAt: When it was acknowledged (ms).
        ///   - restoredAt: When it was restored (ms).
        ///   - maintenanceWindowID: The maintenance window it opened in.
        ///   - pagedAfterMaintenanceAt: When it paged after its window ended (ms).
        public init(
            id: Int64, rule: Int32, severity: Severity, labelSet: Int32, origin: IncidentOrigin, category: Int32?,
            detectedAt: Int64, acknowledgedAt: Int64?, restoredAt: Int64?, maintenanceWindowID: Int64?,
            pagedAfterMaintenanceAt: Int64?
        ) {
            self.id = id
            self.detectedAt = detectedAt
            self.storedAcknowledgedAt = acknowledgedAt ?? Self.none
            self.storedRestoredAt = restoredAt ?? Self.none
            self.storedMaintenanceWindowID = maintenanceWindowID ?? Self.none
            self.storedPagedAfterMaintenanceAt = pagedAfterMaintenanceAt ?? Self.none
            self.rule = rule
            self.labelSet = labelSet
            self.storedCategory = category.map { Swift.max(0, $0) } ?? -1
            self.severity = severity
            self.origin = origin
        }

        private static func value(_ stored: Int64) -> Int64? {
            stored == none ? nil : stored
        }
    }

    /// The distinct label sets, in the order they first appeared.
    public private(set) var labelSets: [LabelSet] = []
    /// The distinct rules, in the order they first appeared.
    public private(set) var rules: [String] = []
    /// The distinct categories, in the order they first appeared.
    public private(set) var categories: [String] = []
    /// The rows, in the order they were appended.
    public private(set) var rows: [Row] = []

    private var labelSetIndex: [LabelSet: Int32] = [:]
    private var ruleIndex: [String: Int32] = [:]
    private var categoryIndex: [String: Int32] = [:]

    /// Creates an empty table.
    public init() {}

    /// Creates a table of `spans`, in their order.
    ///
    /// - Parameter spans: Whole spans.
    public init(_ spans: some Sequence<IncidentSpan>) {
        for span in spans { append(span) }
    }

    /// The index of `labels` in ``labelSets``, added when new.
    ///
    /// - Parameter labels: A label set.
    /// - Returns: Its index.
    public mutating func index(of labels: LabelSet) -> Int32 {
        Self.index(of: labels, in: &labelSets, lookup: &labelSetIndex)
    }

    /// The index of `rule` in ``rules``, added when new.
    ///
    /// - Parameter rule: A rule's name.
    /// - Returns: Its index.
    public mutating func index(ofRule rule: String) -> Int32 {
        Self.index(of: rule, in: &rules, lookup: &ruleIndex)
    }

    /// The index of `category` in ``categories``, added when new.
    ///
    /// - Parameter category: A root-cause category.
    /// - Returns: Its index.
    public mutating func index(ofCategory category: String) -> Int32 {
        Self.index(of: category, in: &categories, lookup: &categoryIndex)
    }

    /// Appends a row whose indices refer to this table.
    ///
    /// - Parameter row: The row.
    public mutating func append(_ row: Row) {
        rows.append(row)
    }

    /// Appends a whole span.
    ///
    /// - Parameter span: The span.
    public mutating func append(_ span: IncidentSpan) {
        rows.append(
            Row(
                id: span.id, rule: index(ofRule: span.rule), severity: span.severity, labelSet: index(of: span.labels),
                origin: span.origin, category: span.category.map { index(ofCategory: $0) },
                detectedAt: Milliseconds.of(span.detectedAt), acknowledgedAt: span.acknowledgedAt.map(Milliseconds.of),
                restoredAt: span.restoredAt.map(Milliseconds.of), maintenanceWindowID: span.maintenanceWindowID,
                pagedAfterMaintenanceAt: span.pagedAfterMaintenanceAt.map(Milliseconds.of)))
    }

    /// Reserves room for `count` rows.
    ///
    /// - Parameter count: The number of rows expected.
    public mutating func reserveCapacity(_ count: Int) {
        rows.reserveCapacity(count)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }

    /// The whole span of row `position`.
    public subscript(position: Int) -> IncidentSpan {
        let row = rows[position]
        return IncidentSpan(
            id: row.id, rule: rules[Int(row.rule)], severity: row.severity, labels: labelSets[Int(row.labelSet)],
            origin: row.origin, category: row.category.map { categories[Int($0)] },
            detectedAt: Milliseconds.date(row.detectedAt), acknowledgedAt: row.acknowledgedAt.map(Milliseconds.date),
            restoredAt: row.restoredAt.map(Milliseconds.date), maintenanceWindowID: row.maintenanceWindowID,
            pagedAfterMaintenanceAt: row.pagedAfterMaintenanceAt.map(Milliseconds.date))
    }

    private static func index<Value: Hashable>(
        of value: Value, in values: inout [Value], lookup: inout [Value: Int32]
    ) -> Int32 {
        if let known = lookup[value] { return known }
        let index = Int32(values.count)
        values.append(value)
        lookup[value] = index
        return index
    }
}
