import Foundation
import VedettaMaintenance

/// A schedule as the API shows it: its layers, participants and restrictions.
public struct ScheduleView: Sendable, Hashable, Encodable {
    /// One layer.
    public struct Layer: Sendable, Hashable, Encodable {
        /// Its name.
        public var name: String
        /// The first hand-off on the schedule's clock.
        public var start: String
        /// When it stops, on the schedule's clock.
        public var end: String?
        /// `daily`, `weekly`, `12h` …
        public var shift: String
        /// Who takes turns, in order.
        public var participants: [String]
        /// When it applies, e.g. `MO,TU,WE,TH,FR 08:00-18:00`; empty for always.
        public var restrictions: [String]
    }

    /// Its name.
    public var name: String
    /// What it is for.
    public var description: String
    /// The IANA zone of its clock.
    public var timeZone: String
    /// The layers, base first.
    public var layers: [Layer]

    /// The view of `schedule`.
    public init(_ schedule: OnCallSchedule) {
        name = schedule.name
        description = schedule.description
        timeZone = schedule.zone.identifier
        layers = schedule.layers.map { layer in
            Layer(
                name: layer.name, start: layer.start.description, end: layer.end?.description,
                shift: layer.length.description, participants: layer.participants,
                restrictions: layer.restrictions.map(\.description))
        }
    }

    enum CodingKeys: String, CodingKey {
        case name, description, layers
        case timeZone = "time_zone"
    }
}
