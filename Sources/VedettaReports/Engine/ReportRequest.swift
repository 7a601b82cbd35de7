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
