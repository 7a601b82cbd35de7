import Foundation
import Testing
import VedettaRules

@Suite("LabelMatcher.parseList")
struct LabelMatcherListTests {
    @Test(
        "matcher lists as a maintenance scope is written",
        arguments: [
            ("device=\"core-sw-1\"", "device=\"core-sw-1\""),
            ("site=\"milano\", role=~\"switch|router\"", "site=\"milano\",role=~\"switch|router\""),
            ("{alertname=\"InterfaceDown\",}", "alertname=\"InterfaceDown\""),
            ("  site != 'roma' , device !~ \"lab-.*\"  ", "site!=\"roma\",device!~\"lab-.*\""),
            ("", ""),
        ])
    func valid(text: String, canonical: String) throws {
        let matchers = try LabelMatcher.parseList(text)
        #expect(matchers.map(\.description).joined(separator: ",") == canonical)
    }

    @Test(
        "every mistake names what was expected and where",
        arguments: [
            ("site=milano", "expected a quoted string after \"site=\" but found \"milano\" (at character 6)"),
            (
                "site=\"milano\" role=\"pbx\"",
                "expected \",\" between label matchers but found \"role\" (at character 15)"
            ),
            (
                "{site=\"milano\"",
                "expected \",\" or \"}\" after a label matcher but found the end of the expression (at character 15)"
            ),
            ("site==\"x\"", "expected a quoted string after \"site=\" but found \"=\" (at character 6)"),
            ("role=~\"(\"", "invalid regular expression \"(\" (at character 7)"),
            ("=\"x\"", "expected a label name but found \"=\" (at character 1)"),
        ])
    func invalid(text: String, message: String) {
        #expect(throws: RuleExpressionError.self) { try LabelMatcher.parseList(text) }
        do {
            _ = try LabelMatcher.parseList(text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("a matcher list selects labels as the rule language does: a missing label reads as empty")
    func matching() throws {
        let matchers = try LabelMatcher.parseList("site=\"milano\", role=~\"switch|router\", rack!=\"r9\"")
        let selects: ([String: String]) -> Bool = { labels in
            matchers.allSatisfy { $0.matches(labels[$0.name] ?? "") }
        }
        #expect(selects(["site": "milano", "role": "switch"]))
        #expect(!selects(["site": "milano", "role": "pbx"]))
        #expect(!selects(["site": "milano", "role": "router", "rack": "r9"]))
        #expect(!selects(["role": "router"]))
    }

    @Test(
        "a regular expression of literal alternatives matches exactly as the regular expression does",
        arguments: ["pbx|ivr", "switch", "a||b", "ge-0/0/1|ge-0/0/2", "x.y|z", "(pbx|ivr)", "sw[0-9]+"])
    func literalAlternatives(pattern: String) throws {
        let matcher = try LabelMatcher(name: "role", operation: .matchesRegex, value: pattern)
        let negated = try LabelMatcher(name: "role", operation: .notMatchesRegex, value: pattern)
        let regex = try NSRegularExpression(pattern: "^(?:\(pattern))$")
        for value in [
            "pbx", "ivr", "pbx|ivr", "switch", "switches", "", "a", "b", "ge-0/0/1", "x.y", "xzy", "z", "sw12",
        ] {
            let expected = regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
            #expect(matcher.matches(value) == expected, "\(pattern) on \"\(value)\"")
            #expect(negated.matches(value) == !expected)
        }
    }
}
