#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A self-pipe that wakes an event-loop thread out of `select` or `poll` when work is submitted from another
/// thread. Shared by the protocol kits whose loops own a thread (net-snmp's, the ICMP sockets').
public final class SelfPipe: Sendable {
    /// The descriptor the event loop waits on.
    public let readDescriptor: Int32
    private let writeDescriptor: Int32

    /// Creates the pipe (non-blocking, close-on-exec). Returns `nil` when the system refuses.
    public init?() {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { return nil }
        for descriptor in descriptors {
            let flags = fcntl(descriptor, F_GETFL, 0)
            _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        self.readDescriptor = descriptors[0]
        self.writeDescriptor = descriptors[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// Makes the read end readable. Safe from any thread; a full pipe already means "wake up".
    public func signal() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Empties the pipe; called by the event loop after its wait reports it readable.
    public func drain() {
        var buffer = [UInt8](repeating: 0, count: 256)
        var rounds = 0
        while rounds < 64, read(readDescriptor, &buffer, buffer.count) > 0 { rounds += 1 }
    }
}
