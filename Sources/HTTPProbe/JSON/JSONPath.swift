/// A path into a JSON document, in the JSONPath subset a health check needs: `$` and then members and indexes,
/// `$.queue.waiting`, `$.agents[0].ready`, `$['odd key']`, `$.items[-1]` (from the end). No wildcards, filters or
/// recursive descent: a path names one value.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    public enum Step: Sendable, Hashable {
        /// An object member.
        case member(String)
        /// An array element; negative counts from the end.
        case index(Int)
    }

    /// The steps after `$`.
    public var steps: [Step]
    /// The path as written.
    public var description: String

    /// Why a path does not parse, and where.
    public struct ParseError: Error, Sendable, Hashable {
        /// The 0-based character offset of the problem.
        public var offset: Int
        /// What is wrong.
        public var message: String
    }

    /// Parses a path.
    /// - Parameter text: `$` followed by `.name`, `['name']`, `["name"]` or `[N]` steps.
    /// - Throws: ``ParseError`` naming the offset.
    public init(parsing text: String) throws(ParseError) {
        var scanner = JSONPathScanner(Array(text))
        try scanner.expect("$", "a JSON path starts with $, e.g. $.status")
        var steps: [Step] = []
        while !scanner.atEnd {
            steps.append(try scanner.step())
        }
        self.steps = steps
        self.description = text
    }

    /// The value the path names in `document`, or `nil` when it has none.
    public func value(in document: JSONValue) -> JSONValue? {
        var current = document
        for step in steps {
            switch (step, current) {
            case (.member(let name), .object(let members)):
                guard let next = members[name] else { return nil }
                current = next
            case (.index(let index), .array(let items)):
                let position = index < 0 ? items.count + index : index
                guard items.indices.contains(position) else { return nil }
                current = items[position]
            default:
                return nil
            }
        }
        return current
    }
}

/// Reads JSON paths (and the assertions around them) character by character.
struct JSONPathScanner {
    let characters: [Character]
    var position = 0

    init(_ characters: [Character]) {
        self.characters = characters
    }

    var atEnd: Bool { position >= characters.count }
    var current: Character? { atEnd ? nil : characters[position] }

    mutating func skipSpaces() {
        while let character = current, character == " " || character == "\t" { position += 1 }
    }

    mutating func expect(_ character: Character, _ message: String) throws(JSONPath.ParseError) {
        guard current == character else { throw JSONPath.ParseError(offset: position, message: message) }
        position += 1
    }

    /// One `.name`, `['name']` or `[N]` step.
    mutating func step() throws(JSONPath.ParseError) -> JSONPath.Step {
        let start = position
        switch current {
        case ".":
            position += 1
            let name = identifier()
            guard !name.isEmpty else {
                throw JSONPath.ParseError(offset: position, message: "expected a member name after \".\"")
            }
            return .member(name)
        case "[":
            position += 1
            if let quote = current, quote == "'" || quote == "\"" {
                position += 1
                var name = ""
                while let character = current, character != quote {
                    name.append(character)
                    position += 1
                }
                try expect(quote, "unterminated member name")
                try expect("]", "expected ] after the member name")
                return .member(name)
            }
            var digits = ""
            if current == "-" {
                digits.append("-")
                position += 1
            }
            while let character = current, character.isASCII, character.isNumber {
                digits.append(character)
                position += 1
            }
            guard let index = Int(digits) else {
                throw JSONPath.ParseError(offset: start, message: "expected an index or a quoted name in [ ]")
            }
            try expect("]", "expected ] after the index")
            return .index(index)
        default:
            throw JSONPath.ParseError(offset: start, message: "expected .name, ['name'] or [index] in the path")
        }
    }

    private mutating func identifier() -> String {
        var name = ""
        while let character = current, character.isLetter || character.isNumber || character == "_" || character == "-"
        {
            name.append(character)
            position += 1
        }
        return name
    }
}
