import VedettaConfig
import VedettaCore

/// The profiles of `probes/*.yaml`, built in Swift so these tests do not depend on the configuration parser
/// (names, OIDs, types and scales as in the files; help texts left out).
enum TestProfiles {
    /// `probes/system.yaml`.
    static let system = SNMPProfile(
        name: "system",
        description: "SNMPv2-MIB system group (sysDescr, sysName, sysUpTime, ...), present on every SNMP agent",
        scalars: [
            SNMPScalarMetric(name: "sysDescr", oid: OID("1.3.6.1.2.1.1.1.0")!, type: .info),
            SNMPScalarMetric(name: "sysObjectID", oid: OID("1.3.6.1.2.1.1.2.0")!, type: .info),
            SNMPScalarMetric(name: "sysUpTime", oid: OID("1.3.6.1.2.1.1.3.0")!, type: .gauge, scale: 0.01),
            SNMPScalarMetric(name: "sysContact", oid: OID("1.3.6.1.2.1.1.4.0")!, type: .info),
            SNMPScalarMetric(name: "sysName", oid: OID("1.3.6.1.2.1.1.5.0")!, type: .info),
            SNMPScalarMetric(name: "sysLocation", oid: OID("1.3.6.1.2.1.1.6.0")!, type: .info),
            SNMPScalarMetric(name: "sysServices", oid: OID("1.3.6.1.2.1.1.7.0")!, type: .gauge),
        ],
        location: SourceLocation(file: "probes/system.yaml", line: 1, column: 1))

    /// `probes/if-mib.yaml`.
    static let ifMIB = SNMPProfile(
        name: "if-mib",
        description: "IF-MIB interfaces (ifTable + ifXTable), status, speed and 64-bit traffic counters",
        tables: [
            SNMPTable(
                name: "interfaces",
                index: [SNMPIndexComponent(name: "ifIndex", encoding: .integer)],
                labels: [
                    SNMPColumnLabel(name: "ifDescr", oid: OID("1.3.6.1.2.1.2.2.1.2")!),
                    SNMPColumnLabel(name: "ifName", oid: OID("1.3.6.1.2.1.31.1.1.1.1")!),
                    SNMPColumnLabel(name: "ifAlias", oid: OID("1.3.6.1.2.1.31.1.1.1.18")!),
                ],
                metrics: [
                    SNMPColumnMetric(name: "ifType", oid: OID("1.3.6.1.2.1.2.2.1.3")!, type: .gauge),
                    SNMPColumnMetric(name: "ifMtu", oid: OID("1.3.6.1.2.1.2.2.1.4")!, type: .gauge),
                    SNMPColumnMetric(name: "ifSpeed", oid: OID("1.3.6.1.2.1.2.2.1.5")!, type: .gauge),
                    SNMPColumnMetric(name: "ifHighSpeed", oid: OID("1.3.6.1.2.1.31.1.1.1.15")!, type: .gauge),
                    SNMPColumnMetric(name: "ifAdminStatus", oid: OID("1.3.6.1.2.1.2.2.1.7")!, type: .gauge),
                    SNMPColumnMetric(name: "ifOperStatus", oid: OID("1.3.6.1.2.1.2.2.1.8")!, type: .gauge),
                    SNMPColumnMetric(name: "ifLastChange", oid: OID("1.3.6.1.2.1.2.2.1.9")!, type: .gauge, scale: 0.01),
                    SNMPColumnMetric(name: "ifInOctets", oid: OID("1.3.6.1.2.1.2.2.1.10")!, type: .counter),
                    SNMPColumnMetric(name: "ifInUcastPkts", oid: OID("1.3.6.1.2.1.2.2.1.11")!, type: .counter),
                    SNMPColumnMetric(name: "ifInDiscards", oid: OID("1.3.6.1.2.1.2.2.1.13")!, type: .counter),
                    SNMPColumnMetric(name: "ifInErrors", oid: OID("1.3.6.1.2.1.2.2.1.14")!, type: .counter),
                    SNMPColumnMetric(name: "ifInUnknownProtos", oid: OID("1.3.6.1.2.1.2.2.1.15")!, type: .counter),
                    SNMPColumnMetric(name: "ifOutOctets", oid: OID("1.3.6.1.2.1.2.2.1.16")!, type: .counter),
                    SNMPColumnMetric(name: "ifOutUcastPkts", oid: OID("1.3.6.1.2.1.2.2.1.17")!, type: .counter),
                    SNMPColumnMetric(name: "ifOutDiscards", oid: OID("1.3.6.1.2.1.2.2.1.19")!, type: .counter),
                    SNMPColumnMetric(name: "ifOutErrors", oid: OID("1.3.6.1.2.1.2.2.1.20")!, type: .counter),
                    SNMPColumnMetric(name: "ifHCInOctets", oid: OID("1.3.6.1.2.1.31.1.1.1.6")!, type: .counter),
                    SNMPColumnMetric(name: "ifHCInUcastPkts", oid: OID("1.3.6.1.2.1.31.1.1.1.7")!, type: .counter),
                    SNMPColumnMetric(name: "ifHCInMulticastPkts", oid: OID("1.3.6.1.2.1.31.1.1.1.8")!, type: .counter),
                    SNMPColumnMetric(name: "ifHCInBroadcastPkts", oid: OID("1.3.6.1.2.1.31.1.1.1.9")!, type: .counter),
                    SNMPColumnMetric(name: "ifHCOutOctets", oid: OID("1.3.6.1.2.1.31.1.1.1.10")!, type: .counter),
                    SNMPColumnMetric(name: "ifHCOutUcastPkts", oid: OID("1.3.6.1.2.1.31.1.1.1.11")!, type: .counter),
                    SNMPColumnMetric(
                        name: "ifHCOutMulticastPkts", oid: OID("1.3.6.1.2.1.31.1.1.1.12")!, type: .counter),
                    SNMPColumnMetric(
                        name: "ifHCOutBroadcastPkts", oid: OID("1.3.6.1.2.1.31.1.1.1.13")!, type: .counter),
                ])
        ],
        location: SourceLocation(file: "probes/if-mib.yaml", line: 1, column: 1))

    /// `probes/host-resources.yaml`.
    static let hostResources = SNMPProfile(
        name: "host-resources",
        description: "HOST-RESOURCES-MIB system, per-CPU load and storage (memory, swap, file systems)",
        scalars: [
            SNMPScalarMetric(name: "hrSystemUptime", oid: OID("1.3.6.1.2.1.25.1.1.0")!, type: .gauge, scale: 0.01),
            SNMPScalarMetric(name: "hrSystemNumUsers", oid: OID("1.3.6.1.2.1.25.1.5.0")!, type: .gauge),
            SNMPScalarMetric(name: "hrSystemProcesses", oid: OID("1.3.6.1.2.1.25.1.6.0")!, type: .gauge),
            SNMPScalarMetric(name: "hrSystemMaxProcesses", oid: OID("1.3.6.1.2.1.25.1.7.0")!, type: .gauge),
            SNMPScalarMetric(name: "hrMemorySize", oid: OID("1.3.6.1.2.1.25.2.2.0")!, type: .gauge, scale: 1024),
        ],
        tables: [
            SNMPTable(
                name: "processors",
                index: [SNMPIndexComponent(name: "hrDeviceIndex", encoding: .integer)],
                labels: [
                    SNMPColumnLabel(name: "hrDeviceDescr", oid: OID("1.3.6.1.2.1.25.3.2.1.3")!)
                ],
                metrics: [
                    SNMPColumnMetric(name: "hrProcessorLoad", oid: OID("1.3.6.1.2.1.25.3.3.1.2")!, type: .gauge)
                ]),
            SNMPTable(
                name: "storage",
                index: [SNMPIndexComponent(name: "hrStorageIndex", encoding: .integer)],
                labels: [
                    SNMPColumnLabel(name: "hrStorageDescr", oid: OID("1.3.6.1.2.1.25.2.3.1.3")!)
                ],
                metrics: [
                    SNMPColumnMetric(name: "hrStorageType", oid: OID("1.3.6.1.2.1.25.2.3.1.2")!, type: .info),
                    SNMPColumnMetric(
                        name: "hrStorageAllocationUnits", oid: OID("1.3.6.1.2.1.25.2.3.1.4")!, type: .gauge),
                    SNMPColumnMetric(name: "hrStorageSize", oid: OID("1.3.6.1.2.1.25.2.3.1.5")!, type: .gauge),
                    SNMPColumnMetric(name: "hrStorageUsed", oid: OID("1.3.6.1.2.1.25.2.3.1.6")!, type: .gauge),
                    SNMPColumnMetric(
                        name: "hrStorageAllocationFailures", oid: OID("1.3.6.1.2.1.25.2.3.1.7")!, type: .counter),
                ]),
        ],
        location: SourceLocation(file: "probes/host-resources.yaml", line: 1, column: 1))

    /// `probes/ups-mib.yaml`.
    static let upsMIB = SNMPProfile(
        name: "ups-mib",
        description: "RFC 1628 UPS-MIB battery, input, output and bypass status and measurements",
        scalars: [
            SNMPScalarMetric(name: "upsIdentManufacturer", oid: OID("1.3.6.1.2.1.33.1.1.1.0")!, type: .info),
            SNMPScalarMetric(name: "upsIdentModel", oid: OID("1.3.6.1.2.1.33.1.1.2.0")!, type: .info),
            SNMPScalarMetric(name: "upsIdentUPSSoftwareVersion", oid: OID("1.3.6.1.2.1.33.1.1.3.0")!, type: .info),
            SNMPScalarMetric(name: "upsIdentAgentSoftwareVersion", oid: OID("1.3.6.1.2.1.33.1.1.4.0")!, type: .info),
            SNMPScalarMetric(name: "upsIdentName", oid: OID("1.3.6.1.2.1.33.1.1.5.0")!, type: .info),
            SNMPScalarMetric(name: "upsBatteryStatus", oid: OID("1.3.6.1.2.1.33.1.2.1.0")!, type: .gauge),
            SNMPScalarMetric(name: "upsSecondsOnBattery", oid: OID("1.3.6.1.2.1.33.1.2.2.0")!, type: .gauge),
            SNMPScalarMetric(name: "upsEstimatedMinutesRemaining", oid: OID("1.3.6.1.2.1.33.1.2.3.0")!, type: .gauge),
            SNMPScalarMetric(name: "upsEstimatedChargeRemaining", oid: OID("1.3.6.1.2.1.33.1.2.4.0")!, type: .gauge),
            SNMPScalarMetric(name: "upsBatteryVoltage", oid: OID("1.3.6.1.2.1.33.1.2.5.0")!, type: .gauge, scale: 0.1),
            SNMPScalarMetric(name: "upsBatteryCurrent", oid: OID("1.3.6.1.2.1.33.1.2.6.0")!, type: .gauge, scale: 0.1),
            SNMPScalarMetric(name: "upsBatteryTemperature", oid: OID("1.3.6.1.2.1.33.1.2.7.0")!, type: .gauge),
            SNMPScalarMetric(name: "upsInputLineBads", oid: OID("1.3.6.1.2.1.33.1.3.1.0")!, type: .counter),
            SNMPScalarMetric(name: "upsInputNumLines", oid: OID("1.3.6.1.2.1.33.1.3.2.0")!, type: .gauge),
            SNMPScalarMetric(name: "upsOutputSource", oid: OID("1.3.6.1.2.1.33.1.4.1.0")!, type: .gauge),
            SNMPScalarMetric(name: "upsOutputFrequency", oid: OID("1.3.6.1.2.1.33.1.4.2.0")!, type: .gauge, scale: 0.1),
            SNMPScalarMetric(name: "upsOutputNumLines", oid: OID("1.3.6.1.2.1.33.1.4.3.0")!, type: .gauge),
            SNMPScalarMetric(name: "upsBypassFrequency", oid: OID("1.3.6.1.2.1.33.1.5.1.0")!, type: .gauge, scale: 0.1),
            SNMPScalarMetric(name: "upsAlarmsPresent", oid: OID("1.3.6.1.2.1.33.1.6.1.0")!, type: .gauge),
            SNMPScalarMetric(name: "upsTestResultsSummary", oid: OID("1.3.6.1.2.1.33.1.7.3.0")!, type: .gauge),
            SNMPScalarMetric(name: "upsConfigOutputVA", oid: OID("1.3.6.1.2.1.33.1.9.5.0")!, type: .gauge),
            SNMPScalarMetric(name: "upsConfigOutputPower", oid: OID("1.3.6.1.2.1.33.1.9.6.0")!, type: .gauge),
        ],
        tables: [
            SNMPTable(
                name: "input",
                index: [SNMPIndexComponent(name: "upsInputLineIndex", encoding: .integer)],
                metrics: [
                    SNMPColumnMetric(
                        name: "upsInputFrequency", oid: OID("1.3.6.1.2.1.33.1.3.3.1.2")!, type: .gauge, scale: 0.1),
                    SNMPColumnMetric(name: "upsInputVoltage", oid: OID("1.3.6.1.2.1.33.1.3.3.1.3")!, type: .gauge),
                    SNMPColumnMetric(
                        name: "upsInputCurrent", oid: OID("1.3.6.1.2.1.33.1.3.3.1.4")!, type: .gauge, scale: 0.1),
                    SNMPColumnMetric(name: "upsInputTruePower", oid: OID("1.3.6.1.2.1.33.1.3.3.1.5")!, type: .gauge),
                ]),
            SNMPTable(
                name: "output",
                index: [SNMPIndexComponent(name: "upsOutputLineIndex", encoding: .integer)],
                metrics: [
                    SNMPColumnMetric(name: "upsOutputVoltage", oid: OID("1.3.6.1.2.1.33.1.4.4.1.2")!, type: .gauge),
                    SNMPColumnMetric(
                        name: "upsOutputCurrent", oid: OID("1.3.6.1.2.1.33.1.4.4.1.3")!, type: .gauge, scale: 0.1),
                    SNMPColumnMetric(name: "upsOutputPower", oid: OID("1.3.6.1.2.1.33.1.4.4.1.4")!, type: .gauge),
                    SNMPColumnMetric(name: "upsOutputPercentLoad", oid: OID("1.3.6.1.2.1.33.1.4.4.1.5")!, type: .gauge),
                ]),
            SNMPTable(
                name: "bypass",
                index: [SNMPIndexComponent(name: "upsBypassLineIndex", encoding: .integer)],
                metrics: [
                    SNMPColumnMetric(name: "upsBypassVoltage", oid: OID("1.3.6.1.2.1.33.1.5.3.1.2")!, type: .gauge),
                    SNMPColumnMetric(
                        name: "upsBypassCurrent", oid: OID("1.3.6.1.2.1.33.1.5.3.1.3")!, type: .gauge, scale: 0.1),
                    SNMPColumnMetric(name: "upsBypassPower", oid: OID("1.3.6.1.2.1.33.1.5.3.1.4")!, type: .gauge),
                ]),
        ],
        location: SourceLocation(file: "probes/ups-mib.yaml", line: 1, column: 1))

    /// `probes/apc-ups.yaml`.
    static let apcUPS = SNMPProfile(
        name: "apc-ups",
        description: "APC PowerNet-MIB UPS status, battery, runtime, input and output",
        scalars: [
            SNMPScalarMetric(name: "upsBasicIdentModel", oid: OID("1.3.6.1.4.1.318.1.1.1.1.1.1.0")!, type: .info),
            SNMPScalarMetric(
                name: "upsAdvIdentFirmwareRevision", oid: OID("1.3.6.1.4.1.318.1.1.1.1.2.1.0")!, type: .info),
            SNMPScalarMetric(name: "upsAdvIdentSerialNumber", oid: OID("1.3.6.1.4.1.318.1.1.1.1.2.3.0")!, type: .info),
            SNMPScalarMetric(name: "upsBasicBatteryStatus", oid: OID("1.3.6.1.4.1.318.1.1.1.2.1.1.0")!, type: .gauge),
            SNMPScalarMetric(
                name: "upsBasicBatteryTimeOnBattery", oid: OID("1.3.6.1.4.1.318.1.1.1.2.1.2.0")!, type: .gauge,
                scale: 0.01),
            SNMPScalarMetric(
                name: "upsBasicBatteryLastReplaceDate", oid: OID("1.3.6.1.4.1.318.1.1.1.2.1.3.0")!, type: .info),
            SNMPScalarMetric(name: "upsAdvBatteryCapacity", oid: OID("1.3.6.1.4.1.318.1.1.1.2.2.1.0")!, type: .gauge),
            SNMPScalarMetric(
                name: "upsAdvBatteryTemperature", oid: OID("1.3.6.1.4.1.318.1.1.1.2.2.2.0")!, type: .gauge),
            SNMPScalarMetric(
                name: "upsAdvBatteryRunTimeRemaining", oid: OID("1.3.6.1.4.1.318.1.1.1.2.2.3.0")!, type: .gauge,
                scale: 0.01),
            SNMPScalarMetric(
                name: "upsAdvBatteryReplaceIndicator", oid: OID("1.3.6.1.4.1.318.1.1.1.2.2.4.0")!, type: .gauge),
            SNMPScalarMetric(
                name: "upsAdvBatteryNumOfBadBattPacks", oid: OID("1.3.6.1.4.1.318.1.1.1.2.2.6.0")!, type: .gauge),
            SNMPScalarMetric(
                name: "upsAdvBatteryActualVoltage", oid: OID("1.3.6.1.4.1.318.1.1.1.2.2.8.0")!, type: .gauge),
            SNMPScalarMetric(
                name: "upsHighPrecBatteryCapacity", oid: OID("1.3.6.1.4.1.318.1.1.1.2.3.1.0")!, type: .gauge, scale: 0.1
            ),
            SNMPScalarMetric(
                name: "upsHighPrecBatteryTemperature", oid: OID("1.3.6.1.4.1.318.1.1.1.2.3.2.0")!, type: .gauge,
                scale: 0.1),
            SNMPScalarMetric(name: "upsAdvInputLineVoltage", oid: OID("1.3.6.1.4.1.318.1.1.1.3.2.1.0")!, type: .gauge),
            SNMPScalarMetric(
                name: "upsAdvInputMaxLineVoltage", oid: OID("1.3.6.1.4.1.318.1.1.1.3.2.2.0")!, type: .gauge),
            SNMPScalarMetric(
                name: "upsAdvInputMinLineVoltage", oid: OID("1.3.6.1.4.1.318.1.1.1.3.2.3.0")!, type: .gauge),
            SNMPScalarMetric(name: "upsAdvInputFrequency", oid: OID("1.3.6.1.4.1.318.1.1.1.3.2.4.0")!, type: .gauge),
            SNMPScalarMetric(
                name: "upsAdvInputLineFailCause", oid: OID("1.3.6.1.4.1.318.1.1.1.3.2.5.0")!, type: .gauge),
            SNMPScalarMetric(name: "upsBasicOutputStatus", oid: OID("1.3.6.1.4.1.318.1.1.1.4.1.1.0")!, type: .gauge),
            SNMPScalarMetric(name: "upsAdvOutputVoltage", oid: OID("1.3.6.1.4.1.318.1.1.1.4.2.1.0")!, type: .gauge),
            SNMPScalarMetric(name: "upsAdvOutputFrequency", oid: OID("1.3.6.1.4.1.318.1.1.1.4.2.2.0")!, type: .gauge),
            SNMPScalarMetric(name: "upsAdvOutputLoad", oid: OID("1.3.6.1.4.1.318.1.1.1.4.2.3.0")!, type: .gauge),
            SNMPScalarMetric(name: "upsAdvOutputCurrent", oid: OID("1.3.6.1.4.1.318.1.1.1.4.2.4.0")!, type: .gauge),
            SNMPScalarMetric(
                name: "upsHighPrecOutputLoad", oid: OID("1.3.6.1.4.1.318.1.1.1.4.3.3.0")!, type: .gauge, scale: 0.1),
            SNMPScalarMetric(
                name: "upsAdvTestDiagnosticsResults", oid: OID("1.3.6.1.4.1.318.1.1.1.7.2.3.0")!, type: .gauge),
        ],
        location: SourceLocation(file: "probes/apc-ups.yaml", line: 1, column: 1))
}
