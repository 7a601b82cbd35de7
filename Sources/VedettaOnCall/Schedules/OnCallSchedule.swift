public import Foundation

/// Who is on call for a team, built from layers of rotations (`oncall/*.yaml`).
///
/// Layers are listed from the base up: wherever a layer has someone on call, it covers the layers below it. A
/// weekday business-hours layer over a round-the-clock weekly rotation gives the business hours to the first and
/// the nights and weekends to the second. Substitutions, stored at run time, go over all the layers.
public struct OnCallSchedule: Sendable, Hashable {
    /// The schedule's unique name, e.g. `noc`.
    public var name: String
    /// What it is for, shown in lists and calendars.
    public var description: String
    /// The zone whose wall clock the layers' hand-offs and restrictions are written in.
    public var zone: TimeZone
    /// The layers, base first.
    public var layers: [RotationLayer]

    /// Creates a schedule.
    public init(name: String, description: String = "", zone: TimeZone, layers: [RotationLayer]) {
        self.name = name
        self.description = description
        self.zone = zone
        self.layers = layers
    }

    /// Everyone taking part in some layer, each once, in order of first appearance.
    public var participants: [String] {
        var seen: Set<String> = []
        return layers.flatMap(\.participants).filter { seen.insert($0).inserted }
    }
}
