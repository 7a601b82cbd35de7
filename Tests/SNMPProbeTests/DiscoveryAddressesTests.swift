import SNMPProbe
import Testing
import VedettaCore

@Suite("DiscoveryAddresses: the address list of vedetta discover")
struct DiscoveryAddressesTests {
    private func parse(_ text: String, port: Int = 161) throws -> [String] {
        try DiscoveryAddresses.parse(text, defaultPort: port).map(\.description)
    }

    @Test("hosts, host:port and IPv6 addresses, comma-separated, without duplicates")
    func hosts() throws {
        #expect(
            try parse("127.0.0.1, 127.0.0.1:1161,ups.example,[::1]:1162,::1,127.0.0.1")
                == ["127.0.0.1:161", "127.0.0.1:1161", "ups.example:161", "[::1]:1162", "[::1]:161"])
    }

    @Test("a CIDR block leaves out its network and broadcast addresses, except /31 and /32")
    func cidr() throws {
        #expect(try parse("192.0.2.0/30") == ["192.0.2.1:161", "192.0.2.2:161"])
        #expect(try parse("192.0.2.7/29", port: 1161).count == 6)
        #expect(try parse("192.0.2.7/29", port: 1161).first == "192.0.2.1:1161")
        #expect(try parse("192.0.2.4/31") == ["192.0.2.4:161", "192.0.2.5:161"])
        #expect(try parse("127.0.0.1/32") == ["127.0.0.1:161"])
        #expect(try parse("10.0.0.0/20").count == 4094)
    }

    @Test("ranges by last octet or by full address")
    func ranges() throws {
        #expect(try parse("192.0.2.1-3") == ["192.0.2.1:161", "192.0.2.2:161", "192.0.2.3:161"])
        #expect(try parse("192.0.2.255-192.0.3.1") == ["192.0.2.255:161", "192.0.3.0:161", "192.0.3.1:161"])
        #expect(try parse("core-sw-1") == ["core-sw-1:161"], "a host name with dashes is not a range")
    }

    @Test(
        "bad items and lists over the limit are refused with the item named",
        arguments: [
            ("10.0.0.0/8", "\"10.0.0.0/8\" has 16777214 addresses"),
            ("10.0.0.0/19", "\"10.0.0.0/19\" has 8190 addresses"),
            ("10.0.0.0/20,10.0.16.0/29", "\"10.0.16.0/29\" has 6 addresses"),
            ("192.0.2.0/33", "invalid CIDR block \"192.0.2.0/33\""),
            ("192.0.2.300/24", "invalid IPv4 address \"192.0.2.300\""),
            ("192.0.2.9-3", "invalid range \"192.0.2.9-3\": it ends before it starts"),
            ("127.0.0.1:0", "invalid address \"127.0.0.1:0\""),
            ("a,,b", "empty item"),
        ]
    )
    func invalid(text: String, message: String) {
        #expect {
            try DiscoveryAddresses.parse(text, defaultPort: 161)
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}
