import VedettaCore

/// The `report_text` table read into memory: every text an `incident_span` row refers to (label sets, rules,
/// categories), by number. Both stores keep spans this way so that a year of incidents reads as integers.
public struct ReportTextColumn: Sendable {
    /// The texts by number, when the numbers are dense enough for an array (they are, unless somebody wrote
    /// numbers by hand).
    private let dense: [String?]
    /// The texts by number otherwise.
    private let sparse: [Int64: String]

    /// Keeps `texts`, the rows of `report_text` by number.
    public init(texts: [Int64: String]) {
        let highest = texts.keys.max() ?? 0
        if highest < Int64(Int32.max), highest <= 4 * Int64(texts.count) + 1024 {
            var dense = [String?](repeating: nil, count: Int(max(highest, 0)) + 1)
            for (number, text) in texts where number >= 0 { dense[Int(number)] = text }
            self.dense = dense
            self.sparse = [:]
        } else {
            self.dense = []
            self.sparse = texts
        }
    }

    /// The text numbered `number`.
    public func text(_ number: Int32) -> String? {
        dense.isEmpty ? sparse[Int64(number)] : (number >= 0 && Int(number) < dense.count ? dense[Int(number)] : nil)
    }

    /// An empty translation of text numbers into table indices.
    public func numbering() -> Numbering { Numbering(texts: self) }

    /// Turns text numbers into table indices, making each index once.
    public struct Numbering {
        private let texts: ReportTextColumn
        /// The index of each text number seen so far, -1 when not yet seen (numbers within the dense array).
        private var dense: [Int32]
        private var sparse: [Int32: Int32] = [:]

        init(texts: ReportTextColumn) {
            self.texts = texts
            self.dense = Array(repeating: -1, count: texts.dense.count)
        }

        /// The index of the text numbered `number`, made by `make` from the text the first time.
        /// - Throws: ``StoreError/Code/corrupt`` when no text has that number; what `make` throws.
        public mutating func index(of number: Int32, incident: Int64, make: (String) throws -> Int32) throws -> Int32 {
            let slot = Int(number)
            if slot >= 0, slot < dense.count, dense[slot] >= 0 { return dense[slot] }
            if let known = sparse[number] { return known }
            guard let text = texts.text(number) else {
                throw IncidentRowFormat.corrupt("incident \(incident) refers to text \(number), which is missing")
            }
            let index = try make(text)
            if slot >= 0, slot < dense.count { dense[slot] = index } else { sparse[number] = index }
            return index
        }
    }
}
