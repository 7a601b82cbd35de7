import Foundation

/// What the dependency muter knows of one device: what its sources last said and when it was last checked.
struct DeviceRecord: Sendable {
    /// The last condition each source (``SampleReport/source``) reported.
    var conditions: [String: DeviceCondition] = [:]
    /// When the latest report with a condition finished.
    var checkedAt: Date?
    /// When the device last came back (its condition turned `up` after being suspect or down).
    var upSince: Date?
    /// When the latest report of any source started: a check that started before a parent came back proves
    /// nothing about the device.
    var lastStartedAt: Date?

    /// The combined condition, or `nil` when no `device_down` rule has ever had data for the device.
    var condition: DeviceCondition? { DeviceCondition.combined(conditions.values) }

    /// Records one report.
    mutating func record(source: String, condition: DeviceCondition?, startedAt: Date, finishedAt: Date) {
        lastStartedAt = max(lastStartedAt ?? startedAt, startedAt)
        guard let condition else { return }
        let before = self.condition
        conditions[source] = condition
        checkedAt = finishedAt
        if let before, before != .up, self.condition == .up { upSince = finishedAt }
    }
}
