import Testing
import VedettaCore

@Suite("CSVField")
struct CSVFieldTests {
    @Test("plain text as it is; the separator, quotes and line breaks quoted; a formula start neutralised")
    func quoting() {
        #expect(CSVField.quoted("milano", separator: ",") == "milano")
        #expect(CSVField.quoted("a,b", separator: ",") == "\"a,b\"")
        #expect(CSVField.quoted("a,b", separator: ";") == "a,b")
        #expect(CSVField.quoted("a;b", separator: ";") == "\"a;b\"")
        #expect(CSVField.quoted("say \"hi\"", separator: ",") == "\"say \"\"hi\"\"\"")
        #expect(CSVField.quoted("two\nlines", separator: ",") == "\"two\nlines\"")
        #expect(CSVField.quoted("=HYPERLINK(\"x\")", separator: ",") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVField.quoted("-12", separator: ";") == "'-12")
    }
}
