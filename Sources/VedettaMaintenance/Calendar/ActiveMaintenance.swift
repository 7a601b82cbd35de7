public import Foundation
public import VedettaCore

/// The maintenance windows in progress at one instant, indexed for matching alert labels.
///
/// Windows are indexed by one equality matcher on a non-empty value (`device="core-sw-1"`): an alert is checked
/// only against the windows indexed under one of its own labels, plus those without such a matcher. The index is
/// walked by label name (a handful: `device`, `site`, `alertname` …), so an alert costs one lookup of its value per
/// indexed name, whatever else it carries.
public struct ActiveMaintenance: Sendable {
    /// When the snapshot was taken.
    public let instant: Date
    /// No window starts or ends before this: the snapshot holds for `instant..<validUntil`.
    public let validUntil: Date
    /// The windows in progress, by number.
    public let windows: [ActiveWindow]
    private let index: [(name: String, positions: [String: [Int]])]
    private let unindexed: [Int]

    /// Creates a snapshot.
    public init(instant: Date, validUntil: Date, active: [ActiveWindow]) {
        self.instant = instant
        self.validUntil = validUntil
        self.windows = active.sorted { $0.window.id < $1.window.id }
        var index: [String: [String: [Int]]] = [:]
        var unindexed: [Int] = []
        for (position, active) in windows.enumerated() {
            if let key = active.window.definition.scope.indexKey {
                index[key.name, default: [:]][key.value, default: []].append(position)
            } else {
                unindexed.append(position)
            }
        }
        self.index = index.map { ($0.key, $0.value) }.sorted { $0.name < $1.name }
        self.unindexed = unindexed
    }

    /// Whether the snapshot still holds at `instant`.
    public func holds(at instant: Date) -> Bool { self.instant <= instant && instant < validUntil }

    /// The window in progress (lowest number first) whose scope matches `labels`, if any.
    public func window(matching labels: LabelSet) -> ActiveWindow? {
        guard !windows.isEmpty else { return nil }
        var best: Int?
        for (name, byValue) in index {
            guard let value = labels[name], let positions = byValue[value] else { continue }
            for position in positions where position < (best ?? .max) {
                if windows[position].window.definition.scope.matches(labels) { best = position }
            }
        }
        for position in unindexed where position < (best ?? .max) {
            if windows[position].window.definition.scope.matches(labels) { best = position }
        }
        return best.map { windows[$0] }
    }
}
