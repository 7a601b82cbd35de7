/// How a device stands according to its `device_down` rules (``VedettaRules/AlertRule/marksDeviceDown``), as of
/// one report.
public enum DeviceCondition: Sendable, Hashable {
    /// The rules had data and none of them is pending or firing: the device answers.
    case up
    /// A `device_down` alert of the device is pending: it stopped answering, not yet for the rule's `for`.
    case suspect
    /// A `device_down` alert of the device fires.
    case down

    /// The condition of a device whose sources say `conditions`: down if any says down, suspect if any is unsure.
    /// - Parameter conditions: What each source said last.
    /// - Returns: The combined condition, or `nil` for none.
    static func combined<S: Sequence<DeviceCondition>>(_ conditions: S) -> DeviceCondition? {
        var result: DeviceCondition?
        for condition in conditions {
            switch (result, condition) {
            case (_, .down): return .down
            case (_, .suspect): result = .suspect
            case (nil, .up): result = .up
            case (.some, .up): continue
            }
        }
        return result
    }
}
