import Subprocess

/// The first bytes of a stream, up to a limit, and whether more came.
struct BoundedBuffer: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var truncated = false

    /// Reads `stream` to its end (or until its read is cancelled because the program ended), keeping at most
    /// `limit` bytes and dropping the rest.
    static func read(_ stream: SubprocessOutputSequence, limit: Int) async -> BoundedBuffer {
        var buffer = BoundedBuffer()
        do {
            for try await chunk in stream {
                buffer.append(chunk, limit: limit)
            }
        } catch {
            // The program ended while a read was waiting: what was read so far is the output.
        }
        return buffer
    }

    private mutating func append(_ chunk: SubprocessOutputSequence.Buffer, limit: Int) {
        let room = limit - bytes.count
        guard room > 0 else {
            if !chunk.isEmpty { truncated = true }
            return
        }
        chunk.withUnsafeBytes { raw in
            bytes.append(contentsOf: raw.prefix(room))
        }
        if chunk.count > room { truncated = true }
    }
}
