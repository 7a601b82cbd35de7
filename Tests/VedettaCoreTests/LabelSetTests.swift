import Testing
import VedettaCore

@Suite("LabelSet")
struct LabelSetTests {
    @Test("sets with the same pairs are equal whatever the insertion order")
    func orderIndependentEquality() {
        var a = LabelSet()
        a["device"] = "sw1"
        a["ifIndex"] = "3"
        let b: LabelSet = ["ifIndex": "3", "device": "sw1"]
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a.labels.map(\.name) == ["device", "ifIndex"])
    }

    @Test("setting nil removes a label, setting a value replaces it")
    func subscriptSetAndRemove() {
        var labels: LabelSet = ["a": "1", "b": "2"]
        labels["a"] = "9"
        labels["b"] = nil
        #expect(labels == ["a": "9"])
        #expect(labels["b"] == nil)
    }

    @Test("description escapes like the Prometheus text format")
    func escapedDescription() {
        let labels: LabelSet = ["descr": "say \"hi\"\\\n", "device": "x"]
        #expect(labels.description == #"{descr="say \"hi\"\\\n",device="x"}"#)
    }

    @Test("merging replaces same-named labels; removing drops names")
    func mergeAndRemove() {
        let base: LabelSet = ["device": "a", "site": "hq"]
        #expect(base.merging(["site": "dc", "probe": "snmp"]) == ["device": "a", "site": "dc", "probe": "snmp"])
        #expect(base.removing(["site"]) == ["device": "a"])
    }

    @Test("a set made of labels in any order sorts them, keeps the last of a name, and equals one built by merging")
    func fromLabels() {
        func label(_ name: String, _ value: String) -> LabelSet.Label { LabelSet.Label(name: name, value: value) }
        let base: LabelSet = ["device": "r1", "site": "hq", "ifIndex": "base"]
        let index = [label("ifIndex", "7")]
        let columns = [label("ifName", "ge-0/0/1"), label("ifDescr", "uplink"), label("ifName", "xe-0/0/1")]
        let built = LabelSet(labels: base.labels + index + columns)
        #expect(built.labels.map(\.name) == ["device", "ifDescr", "ifIndex", "ifName", "site"])
        #expect(built["ifIndex"] == "7")
        #expect(built["ifName"] == "xe-0/0/1")
        let merged = base.merging(LabelSet(labels: index)).merging(["ifDescr": "uplink", "ifName": "xe-0/0/1"])
        #expect(built == merged)
        #expect(built.fingerprint == merged.fingerprint)
        #expect(LabelSet(labels: []) == LabelSet())
        #expect(LabelSet(labels: []).fingerprint == LabelSet().fingerprint)
    }
}

@Suite("OID")
struct OIDTests {
    @Test("parses dotted notation with or without a leading dot", arguments: ["1.3.6.1.2.1", ".1.3.6.1.2.1"])
    func parses(text: String) throws {
        let oid = try #require(OID(text))
        #expect(oid.components == [1, 3, 6, 1, 2, 1])
        #expect(oid.description == "1.3.6.1.2.1")
    }

    @Test("rejects what is not an OID", arguments: ["", ".", "1..3", "1.3.x", "1.3.", "-1.3", "1.99999999999"])
    func rejects(text: String) {
        #expect(OID(text) == nil)
    }

    @Test("orders as an SNMP walk does and knows its subtree")
    func orderAndPrefix() throws {
        let column = try #require(OID("1.3.6.1.2.1.2.2.1.2"))
        let row10 = column.appending(10)
        let row9 = column.appending(9)
        #expect(row9 < row10)
        #expect(column < row9)
        #expect(try #require(OID("1.3.6.1.2.1.2.2.1.10")) > row10)
        #expect(row10.hasPrefix(column))
        #expect(row10.suffix(after: column).map(Array.init) == [10])
        #expect(try #require(OID("1.3.6.1.2.1.2.2.1.20")).hasPrefix(column) == false)
    }
}

@Suite("Duration text")
struct DurationTextTests {
    @Test(
        "parses Prometheus-style durations",
        arguments: [
            ("30s", Duration.seconds(30)), ("1m30s", .seconds(90)), ("250ms", .milliseconds(250)),
            ("2h", .seconds(7200)), ("1d", .seconds(86_400)), ("1w", .seconds(604_800)), ("0s", .zero),
            ("1.5s", .milliseconds(1500)),
        ]
    )
    func parses(text: String, expected: Duration) {
        #expect(Duration.parse(text) == expected)
    }

    @Test(
        "rejects what is not a duration, and durations so long they would overflow",
        arguments: [
            "", "5", "5 minutes", "5x", "-5s", "s", "1m 30s", "99999999999999999999h", "1001y", "999y999y",
            "1e400s",
        ])
    func rejects(text: String) {
        #expect(Duration.parse(text) == nil)
    }

    @Test(
        "prints compactly",
        arguments: [
            (Duration.milliseconds(250), "250ms"), (.seconds(42), "42s"), (.seconds(303), "5m3s"),
            (.seconds(7500), "2h5m"), (.seconds(3 * 86_400 + 4 * 3600), "3d4h"), (.seconds(3600), "1h"),
        ]
    )
    func prints(duration: Duration, expected: String) {
        #expect(duration.compactDescription == expected)
    }

    @Test("a duration past what milliseconds can count prints clamped instead of trapping")
    func printsHugeDurations() {
        #expect(Duration.seconds(Int64.max).compactDescription == "106751991167d7h")
        #expect(Duration.parse("1000y") == Duration.maximumParsed)
    }
}

@Suite("Secret")
struct SecretTests {
    @Test("never shows its value in descriptions or interpolation")
    func redacted() {
        let secret = Secret("s3cret")
        #expect("\(secret)" == "<secret>")
        #expect(String(reflecting: secret) == "<secret>")
        #expect(secret.reveal() == "s3cret")
    }
}
