import VedettaCore
import VedettaProbes

/// What one response's JSON body says about an HTTP check's `json_assert` and `json_values`.
struct JSONCheck {
    /// The body as JSON, or `nil` when it is not JSON.
    let document: JSONValue?
    /// The first assertion that does not hold, with the value it saw.
    let failed: (assertion: JSONAssertion, actual: JSONValue?)?
    /// Whether the check has assertions at all.
    let asserts: Bool
    /// The exported values that are numbers or booleans.
    let values: [(field: String, value: Double)]

    init(_ check: HTTPCheckConfiguration, body: [UInt8]) {
        let document = JSONValue.parse(body)
        self.document = document
        self.asserts = !check.jsonAssertions.isEmpty
        var failed: (JSONAssertion, JSONValue?)?
        if let document {
            for assertion in check.jsonAssertions {
                let result = assertion.check(document)
                if !result.holds {
                    failed = (assertion, result.actual)
                    break
                }
            }
        }
        self.failed = failed
        self.values = check.jsonValues.compactMap { field in
            document.flatMap { field.path.value(in: $0)?.sampleValue }.map { (field.name, $0) }
        }
    }

    /// Why the response fails the check, or `nil` when every assertion holds.
    func problem(truncated: Bool) -> String? {
        guard asserts else { return nil }
        guard document != nil else {
            return truncated ? "a body too long to read as JSON (over 1 MiB)" : "a body that is not JSON"
        }
        guard let failed else { return nil }
        let actual =
            failed.actual.map { "\(failed.assertion.path) is \($0.display)" } ?? "\(failed.assertion.path) is missing"
        return "JSON where \(failed.assertion) does not hold: \(actual)"
    }

    /// `http_json_matched` (with assertions) and one `http_json_value` per exported value.
    func samples(labels: LabelSet) -> [Sample] {
        var samples: [Sample] = []
        if asserts {
            samples.append(
                Sample(
                    name: "http_json_matched", labels: labels, value: document != nil && failed == nil ? 1 : 0,
                    help: "1 if the body is JSON and every json_assert holds, else 0"))
        }
        for (field, value) in values {
            var fieldLabels = labels
            fieldLabels["field"] = field
            samples.append(
                Sample(
                    name: "http_json_value", labels: fieldLabels, value: value,
                    help: "A value of the JSON body chosen by json_values (true is 1, false 0)"))
        }
        return samples
    }
}
