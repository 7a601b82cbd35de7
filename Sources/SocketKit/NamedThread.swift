public import Foundation

extension Thread {
    /// Starts a thread named `name` that runs `body`: the loop threads of the engines and socket kits.
    ///
    /// The name is set from the new thread itself. Set on the `Thread` before `start()`, as Foundation allows, it
    /// never reaches Linux, and `top -H` or `/proc/PID/task/*/comm` show the creating thread's name instead.
    /// - Parameters:
    ///   - name: At most 15 bytes, Linux's limit (a longer name would be refused without a word).
    ///   - body: What the thread runs.
    /// - Returns: The thread, started.
    @discardableResult
    public static func start(named name: String, _ body: @escaping @Sendable () -> Void) -> Thread {
        precondition(name.utf8.count <= 15, "a thread name is at most 15 bytes on Linux: \(name)")
        let thread = Thread {
            Thread.current.name = name
            body()
        }
        thread.start()
        return thread
    }
}
