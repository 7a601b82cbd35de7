public import Foundation
public import VedettaCore

/// What a report is asked for: the period, the rows, which incidents, and the devices it is measured over.
public struct ReportRequest: Sendable, Hashable {
    /// A device the report measures: its name and labels (from the configuration).
    public struct Device: Sendable, Hashable {
        /// The device's name.
        public var id: DeviceID
        /// Its labels (`site`, `role`…).
        public var labels: LabelSet

        /// Creates a device.
        ///
        /// - Parameters:
        ///   - id: The name.
        ///   - labels: The labels.
        public init(id: DeviceID, labels: LabelSet) {
            self.id = id
            self.labels = labels
        }
    }

    /// The start of the period (included).
    public var from: Date
    /// The end of the period (excluded).
    public var to: Date
    /// What the rows are.
    public var grouping: ReportGrouping
    /// Only incidents of these severities (`nil`: all).
    public var severities: Set<Severity>?
    /// The configured devices. Devices that are in incidents but no longer configured are added with the labels
    /// of their incidents.
    public var devices: [Device]

    /// Creates a request.
    ///
    /// - Parameters:
    ///   - from: The start of the period.
    ///   - to: The end of the period, after `from`.
    ///   - grouping: What the rows are.
    ///   - severities: Only incidents of these severities.
    ///   - devices: The configured devices.
    public init(
        from: Date, to: Date, grouping: ReportGrouping = .site, severities: Set<Severity>? = nil, devices: [Device]
    ) {
        self.from = from
        self.to = to
        self.grouping = grouping
        self.severities = severities
        self.devices = devices
    }

    /// The start of the previous period of the same length.
    public var previousFrom: Date {
        from - to.timeIntervalSince(from)
    }
}

extension ReportRequest {
    /// A name in a list of severities that is not one.
    public struct UnknownSeverity: Error, Sendable, Hashable {
        /// The name as given.
        public let name: String
        /// What went wrong, for people: the name and the names allowed.
        public var message: String {
            "unknown severity \"\(name)\"; use " + Severity.allCases.reversed().map(\.rawValue).joined(separator: ", ")
        }
    }

    /// The severities of a comma-separated list such as `critical,warning`, as the CLI's `--severity` and the API's
    /// `severity` take it: spaces around names are ignored, empty names skipped.
    ///
    /// - Parameter list: The list.
    /// - Returns: The severities.
    /// - Throws: ``UnknownSeverity`` for the first name that is not a severity.
    public static func severities(parsing list: String) throws(UnknownSeverity) -> Set<Severity> {
        var severities: Set<Severity> = []
        for part in list.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            if name.isEmpty { continue }
            guard let severity = Severity(rawValue: name) else { throw UnknownSeverity(name: name) }
            severities.insert(severity)
        }
        return severities
    }
}
