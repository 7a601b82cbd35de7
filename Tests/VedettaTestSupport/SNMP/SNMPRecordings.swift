/// Recordings (snmpsim `.snmprec` text) for devices that snmpsim-data lacks, to pass to
/// ``SNMPSimFixture/init(recordings:extraRecordings:)``.
public enum SNMPRecordings {
    /// The name to serve ``apcSmartUPS`` under (also its community).
    public static let apcSmartUPSName = "vedetta/apc-smart-ups"

    /// An APC Smart-UPS 1500 with an AP9631 network management card, on line, fully charged.
    ///
    /// snmpsim-data's APC recordings are rack PDUs (rPDU objects), so this one is written by hand from the
    /// PowerNet-MIB upsObjects subtree (1.3.6.1.4.1.318.1.1.1), with the value types a real card returns
    /// (Gauge32 for measurements, TimeTicks for runtimes, INTEGER for enumerations).
    public static let apcSmartUPS = """
        1.3.6.1.2.1.1.1.0|4|APC Web/SNMP Management Card (MB:v4.1.0 PF:v6.8.2 PN:apc_hw05_aos_682.bin \
        AF1:v6.8.2 AN1:apc_hw05_sumx_682.bin MN:AP9631 HR:05 SN: ZA1911012345 MD:03/14/2019)
        1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.318.1.3.27
        1.3.6.1.2.1.1.3.0|67|123456700
        1.3.6.1.2.1.1.4.0|4|Facilities
        1.3.6.1.2.1.1.5.0|4|ups-rack-a1
        1.3.6.1.2.1.1.6.0|4|Server room A, rack 1
        1.3.6.1.2.1.1.7.0|2|72
        1.3.6.1.4.1.318.1.1.1.1.1.1.0|4|Smart-UPS 1500
        1.3.6.1.4.1.318.1.1.1.1.1.2.0|4|ups-rack-a1
        1.3.6.1.4.1.318.1.1.1.1.2.1.0|4|UPS 09.3 (ID18)
        1.3.6.1.4.1.318.1.1.1.1.2.2.0|4|03/14/2019
        1.3.6.1.4.1.318.1.1.1.1.2.3.0|4|AS1911123456
        1.3.6.1.4.1.318.1.1.1.2.1.1.0|2|2
        1.3.6.1.4.1.318.1.1.1.2.1.2.0|67|0
        1.3.6.1.4.1.318.1.1.1.2.1.3.0|4|03/14/2019
        1.3.6.1.4.1.318.1.1.1.2.2.1.0|66|100
        1.3.6.1.4.1.318.1.1.1.2.2.2.0|66|27
        1.3.6.1.4.1.318.1.1.1.2.2.3.0|67|324000
        1.3.6.1.4.1.318.1.1.1.2.2.4.0|2|1
        1.3.6.1.4.1.318.1.1.1.2.2.5.0|2|0
        1.3.6.1.4.1.318.1.1.1.2.2.6.0|2|0
        1.3.6.1.4.1.318.1.1.1.2.2.7.0|2|24
        1.3.6.1.4.1.318.1.1.1.2.2.8.0|2|27
        1.3.6.1.4.1.318.1.1.1.2.3.1.0|66|1000
        1.3.6.1.4.1.318.1.1.1.2.3.2.0|66|273
        1.3.6.1.4.1.318.1.1.1.2.3.4.0|2|274
        1.3.6.1.4.1.318.1.1.1.3.1.1.0|2|1
        1.3.6.1.4.1.318.1.1.1.3.2.1.0|66|231
        1.3.6.1.4.1.318.1.1.1.3.2.2.0|66|233
        1.3.6.1.4.1.318.1.1.1.3.2.3.0|66|229
        1.3.6.1.4.1.318.1.1.1.3.2.4.0|66|50
        1.3.6.1.4.1.318.1.1.1.3.2.5.0|2|4
        1.3.6.1.4.1.318.1.1.1.3.3.1.0|66|2312
        1.3.6.1.4.1.318.1.1.1.4.1.1.0|2|2
        1.3.6.1.4.1.318.1.1.1.4.1.2.0|2|1
        1.3.6.1.4.1.318.1.1.1.4.2.1.0|66|230
        1.3.6.1.4.1.318.1.1.1.4.2.2.0|66|50
        1.3.6.1.4.1.318.1.1.1.4.2.3.0|66|23
        1.3.6.1.4.1.318.1.1.1.4.2.4.0|66|2
        1.3.6.1.4.1.318.1.1.1.4.3.1.0|66|2301
        1.3.6.1.4.1.318.1.1.1.4.3.3.0|66|231
        1.3.6.1.4.1.318.1.1.1.4.3.4.0|66|17
        1.3.6.1.4.1.318.1.1.1.7.2.3.0|2|1
        1.3.6.1.4.1.318.1.1.1.7.2.4.0|4|03/01/2024

        """

    /// The name to serve ``valueTypes`` under (also its community).
    public static let valueTypesName = "vedetta/value-types"

    /// One object of every value type and display quirk net-snmp has: quotes and backslashes in text, line
    /// breaks, binary and long hex strings, IpAddress, the largest Counter64 and Gauge32, TimeTicks over one and
    /// two days, NULL, an Opaque float and plain Opaque bytes, a negative INTEGER and a short OID.
    public static let valueTypes = """
        1.3.6.1.4.1.99999.1.1.0|4|say "hi" \\ back
        1.3.6.1.4.1.99999.1.2.0|4x|6c696e65310a6c696e6532
        1.3.6.1.4.1.99999.1.3.0|4x|000102030405060708090a0b0c0d0e0f101112131415
        1.3.6.1.4.1.99999.1.4.0|64|10.1.2.3
        1.3.6.1.4.1.99999.1.5.0|70|18446744073709551615
        1.3.6.1.4.1.99999.1.6.0|67|8640000
        1.3.6.1.4.1.99999.1.7.0|67|17280099
        1.3.6.1.4.1.99999.1.8.0|5|
        1.3.6.1.4.1.99999.1.9.0|68x|9f780441200000
        1.3.6.1.4.1.99999.1.10.0|68x|0102ff
        1.3.6.1.4.1.99999.1.11.0|2|-42
        1.3.6.1.4.1.99999.1.12.0|4x|6162630009
        1.3.6.1.4.1.99999.1.13.0|4x|c3a9c3a8
        1.3.6.1.4.1.99999.1.14.0|66|4294967295
        1.3.6.1.4.1.99999.1.15.0|6|1.3
        1.3.6.1.4.1.99999.1.16.0|4x|74616209656e64
        1.3.6.1.4.1.99999.1.17.0|4|

        """
}
