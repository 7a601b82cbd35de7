import Testing

@testable import CurlKit

@Suite("HTTPHeaderBlock: response headers kept as received, parsed when read")
struct HTTPHeaderBlockTests {
    private func block(_ lines: [String]) -> HTTPHeaderBlock {
        var block = HTTPHeaderBlock()
        for line in lines {
            let bytes = Array(line.utf8)
            if line.hasPrefix("HTTP/") {
                block.startResponse()
            } else {
                bytes.withUnsafeBytes { block.append(line: $0) }
            }
        }
        return block
    }

    @Test("fields in order, names and values trimmed; the blank line and lines without a colon are skipped")
    func parsesFields() {
        let fields = block([
            "HTTP/1.1 200 OK\r\n", "Content-Type:  text/plain \r\n", "X-Empty:\r\n", "garbage\r\n",
            ": no name\r\n", "Location: http://h/a:b\r\n", "\r\n",
        ]).fields
        #expect(fields.map(\.name) == ["Content-Type", "X-Empty", "Location"])
        #expect(fields.map(\.value) == ["text/plain", "", "http://h/a:b"])
    }

    @Test("a status line starts a new response: after a redirect only the final response's headers remain")
    func keepsTheLastResponse() {
        let fields = block([
            "HTTP/1.1 302 Found\r\n", "Location: /ok\r\n", "\r\n", "HTTP/1.1 200 OK\r\n", "Content-Length: 2\r\n",
            "\r\n",
        ]).fields
        #expect(fields == [HTTPHeader(name: "Content-Length", value: "2")])
    }

    @Test("a response's headers set by hand replace the received ones")
    func settable() {
        var response = HTTPResponse(status: 200, headers: [HTTPHeader(name: "A", value: "1")])
        #expect(response.headers.value(named: "a") == "1")
        response.headers.append(HTTPHeader(name: "B", value: "2"))
        #expect(response.headers.map(\.name) == ["A", "B"])
    }
}
