public import Foundation

/// A KPI report: incidents, times to acknowledge and restore, downtime and availability per group, against the
/// targets and the previous period of the same length. Every renderer (text, CSV, JSON, HTML) reads this; its JSON
/// form is the documented schema of `--format json` (docs/reports.md).
public struct KPIReport: Sendable, Hashable, Codable {
    /// The figures of one group (or of the whole report).
    public struct Group: Sendable, Hashable, Codable {
        /// The group's key: a site, role, device, rule, severity or category; `nil` for incidents without one
        /// (no `site` label, no category set) and for the total.
        public var key: String?
        /// The devices the group's availability is measured over.
        public var devices: Int
        /// Incidents whose outage began in the period (planned ones not included).
        public var incidents: Int
        /// Incidents that opened inside a maintenance window in the period.
        public var plannedIncidents: Int
        /// Time to acknowledge of those incidents acknowledged before the end of the period.
        public var timeToAcknowledge: DurationSummary?
        /// Time to restore of those incidents restored before the end of the period.
        public var timeToRestore: DurationSummary?
        /// Device-seconds of downtime in the period (two devices down for an hour: 7,200).
        public var downtimeSeconds: Double
        /// Device-seconds under planned maintenance incidents; not downtime.
        public var plannedDowntimeSeconds: Double
        /// Percent of the device-time without downtime, around the clock; `nil` without devices.
        public var availability: Double?
        /// Percent of the devices' business hours without downtime; `nil` without business hours or devices.
        public var businessAvailability: Double?
        /// The same figures over the previous period, for the change.
        public var previous: Previous?

        enum CodingKeys: String, CodingKey {
            case key, devices, incidents, previous, availability
            case plannedIncidents = "planned_incidents"
            case timeToAcknowledge = "time_to_acknowledge"
            case timeToRestore = "time_to_restore"
            case downtimeSeconds = "downtime_seconds"
            case plannedDowntimeSeconds = "planned_downtime_seconds"
            case businessAvailability = "business_availability"
        }
    }

    /// A group's figures in the previous period.
    public struct Previous: Sendable, Hashable, Codable {
        /// Incidents.
        public var incidents: Int
        /// Availability around the clock.
        public var availability: Double?
        /// Availability within business hours.
        public var businessAvailability: Double?
        /// Mean time to acknowledge, seconds.
        public var meanTimeToAcknowledge: Double?
        /// Mean time to restore, seconds.
        public var meanTimeToRestore: Double?

        enum CodingKeys: String, CodingKey {
            case incidents, availability
            case businessAvailability = "business_availability"
            case meanTimeToAcknowledge = "mean_time_to_acknowledge_seconds"
            case meanTimeToRestore = "mean_time_to_restore_seconds"
        }
    }

    /// A target's figure, goal and verdict.
    public struct TargetResult: Sendable, Hashable, Codable {
        /// The target's name.
        public var name: String
        /// `availability`, `business_availability`, `time_to_restore` or `time_to_acknowledge`.
        public var figure: String
        /// For times: `mean`, `median` or `p90`.
        public var statistic: String?
        /// The goal: a percentage for availability, seconds for times.
        public var goal: Double
        /// The figure in the period: a percentage or seconds; `nil` when there was nothing to measure (no
        /// incident restored, no business hours).
        public var value: Double?
        /// The figure in the previous period.
        public var previousValue: Double?
        /// Whether the goal was met; `nil` when there was nothing to measure.
        public var met: Bool?
        /// The devices the target covers.
        public var devices: Int
        /// The labels of the devices it covers (empty: every device).
        public var match: [String: String]
        /// The lowest severity of the incidents it counts (`nil`: all of the report's).
        public var minimumSeverity: String?

        enum CodingKeys: String, CodingKey {
            case name, figure, statistic, goal, value, met, devices, match
            case minimumSeverity = "minimum_severity"
            case previousValue = "previous_value"
        }
    }

    /// A device or rule ranked by downtime.
    public struct Ranked: Sendable, Hashable, Codable {
        /// Its name.
        public var name: String
        /// Device-seconds of downtime.
        public var downtimeSeconds: Double
        /// Incidents whose outage began in the period.
        public var incidents: Int

        enum CodingKeys: String, CodingKey {
            case name, incidents
            case downtimeSeconds = "downtime_seconds"
        }
    }

    /// Mean time to restore of the incidents that began in one week.
    public struct Week: Sendable, Hashable, Codable {
        /// The Monday the week begins on, `yyyy-MM-dd` in the report's zone.
        public var start: String
        /// Mean time to restore, seconds; `nil` when no incident of the week was restored.
        public var meanTimeToRestore: Double?
        /// Incidents that began in the week.
        public var incidents: Int

        enum CodingKeys: String, CodingKey {
            case start, incidents
            case meanTimeToRestore = "mean_time_to_restore_seconds"
        }
    }

    /// Downtime on one day.
    public struct Day: Sendable, Hashable, Codable {
        /// The date, `yyyy-MM-dd` in the report's zone.
        public var date: String
        /// Device-seconds of downtime that day.
        public var downtimeSeconds: Double

        enum CodingKeys: String, CodingKey {
            case date
            case downtimeSeconds = "downtime_seconds"
        }
    }

    /// The business hours the report measured against.
    public struct BusinessHours: Sendable, Hashable, Codable {
        /// The hours of one weekday.
        public struct Day: Sendable, Hashable, Codable {
            /// The weekday, `MO` to `SU`.
            public var weekday: String
            /// Its spans of hours, `08:00-21:00`.
            public var hours: [String]
        }

        /// The zone of the hours.
        public var timeZone: String
        /// The weekdays with business hours, Monday first.
        public var days: [Day]
        /// The holidays, `2026-04-06` or yearly `12-25`.
        public var holidays: [String]

        enum CodingKeys: String, CodingKey {
            case days, holidays
            case timeZone = "time_zone"
        }
    }

    /// The start of the period (included).
    public var from: Date
    /// The end of the period (excluded).
    public var to: Date
    /// The start of the previous period of the same length (its end is ``from``).
    public var previousFrom: Date
    /// The IANA zone of dates, weeks and days.
    public var timeZone: String
    /// What the rows are.
    public var grouping: ReportGrouping
    /// The severities included (`nil`: all).
    public var severities: [String]?
    /// The lowest severity that counts as downtime.
    public var downtimeSeverity: String
    /// The business hours, as configured (`nil` when none).
    public var businessHours: BusinessHours?
    /// One row per group, by key.
    public var groups: [Group]
    /// The whole report as one group.
    public var total: Group
    /// The targets.
    public var targets: [TargetResult]
    /// The devices with the most downtime, at most 10.
    public var topDevices: [Ranked]
    /// The rules with the most downtime, at most 10.
    public var topRules: [Ranked]
    /// Mean time to restore per week.
    public var weeks: [Week]
    /// Downtime per day.
    public var days: [Day]

    enum CodingKeys: String, CodingKey {
        case from, to, grouping, severities, groups, total, targets, weeks, days
        case previousFrom = "previous_from"
        case timeZone = "time_zone"
        case downtimeSeverity = "downtime_severity"
        case businessHours = "business_hours"
        case topDevices = "top_devices"
        case topRules = "top_rules"
    }
}
