import Subprocess
import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Runs programs safely on behalf of probes: in a session (and so a process group) of their own, with exactly the
/// environment given, bounded output, and a deadline at which the whole group is killed.
///
/// - The program is spawned with `posix_spawn` (through swift-subprocess), never through a shell; it starts a new
///   session, so it and everything it forks share one process group that nothing else is in.
/// - Standard output and standard error are read as they come, the first ``Command/outputLimit`` and
///   ``Command/errorLimit`` bytes kept and the rest dropped, so a chatty program never blocks on a full pipe.
/// - At the deadline the process group gets `SIGKILL`, and the result is ``Termination/timedOut``.
/// - When the program ends, whatever it left running in its group (a child it forked that hangs) is killed too,
///   and the program is reaped: a run leaves no process and no zombie behind.
public enum CommandRunner {
    /// Runs `command` until it exits or `deadline` passes.
    /// - Parameters:
    ///   - command: What to run.
    ///   - deadline: When to kill it.
    /// - Returns: How it ended and what it wrote.
    /// - Throws: ``ExecError`` when it could not be started at all.
    public static func run(_ command: Command, deadline: ContinuousClock.Instant) async throws(ExecError)
        -> CommandResult
    {
        try checkExecutable(command.executable)
        let configuration = try configuration(for: command)
        let started = ContinuousClock.now
        let outcome = try await spawn(configuration, command: command, deadline: deadline)
        let captured = outcome.closureResult
        let termination: Termination
        if captured.timedOut {
            termination = .timedOut
        } else {
            switch outcome.terminationStatus {
            case .exited(let status): termination = .exited(status)
            case .signaled(let signal): termination = .signalled(signal)
            }
        }
        return CommandResult(
            termination: termination,
            standardOutput: captured.output.bytes,
            outputTruncated: captured.output.truncated,
            standardError: captured.error.bytes,
            duration: started.duration(to: captured.finished)
        )
    }

    /// Spawns and captures the program. A spawn refused with `ETXTBSY` is tried again a few times, a few
    /// milliseconds apart, within the deadline: the plugin's file was open for writing at that instant (being
    /// updated, or a copy of a writer's descriptor held for a moment by a process another thread was forking).
    private static func spawn(
        _ configuration: Configuration, command: Command, deadline: ContinuousClock.Instant
    ) async throws(ExecError) -> ExecutionResult<Capture, SequenceOutput, SequenceOutput> {
        var attempt = 0
        while true {
            do {
                return try await Subprocess.run(
                    configuration, input: .none, output: .sequence, error: .sequence
                ) { execution in
                    await capture(execution, command: command, deadline: deadline)
                }
            } catch let error as SubprocessError {
                attempt += 1
                let pause = Duration.milliseconds(10 * attempt)
                guard error.underlyingError == .textFileBusy, attempt < 5, .now + pause < deadline else {
                    throw spawnError(error, command: command)
                }
                try? await Task.sleep(for: pause)
            } catch {
                throw ExecError(.spawnFailed, "could not run \(command.executable): \(error)")
            }
        }
    }

    /// What the body of one run collected.
    struct Capture: Sendable {
        var output: BoundedBuffer
        var error: BoundedBuffer
        var timedOut: Bool
        var finished: ContinuousClock.Instant
    }

    /// Reads both streams to their end while a watchdog waits for the deadline; then kills what is left of the
    /// process group. The group's id is the program's pid, which cannot be reused before the program is reaped
    /// (after this returns), so the kill can only reach the program's own group.
    private static func capture(
        _ execution: Execution<NoInput, SequenceOutput, SequenceOutput>,
        command: Command,
        deadline: ContinuousClock.Instant
    ) async -> Capture {
        let group = execution.processIdentifier.value
        let output = execution.standardOutput
        let error = execution.standardError
        let outputLimit = command.outputLimit
        let errorLimit = command.errorLimit
        let result = await withTaskGroup(of: Part.self, returning: Capture.self) { tasks in
            tasks.addTask { .output(await BoundedBuffer.read(output, limit: outputLimit)) }
            tasks.addTask { .error(await BoundedBuffer.read(error, limit: errorLimit)) }
            tasks.addTask {
                do {
                    try await Task.sleep(until: deadline, clock: .continuous)
                } catch {
                    return .watchdog(fired: false)  // both streams ended first
                }
                killGroup(group)
                return .watchdog(fired: true)
            }
            var capture = Capture(output: BoundedBuffer(), error: BoundedBuffer(), timedOut: false, finished: .now)
            var streamsOpen = 2
            while let part = await tasks.next() {
                switch part {
                case .output(let buffer): capture.output = buffer
                case .error(let buffer): capture.error = buffer
                case .watchdog(let fired): capture.timedOut = fired
                }
                if case .watchdog = part { continue }
                streamsOpen -= 1
                if streamsOpen == 0 {
                    capture.finished = .now
                    tasks.cancelAll()
                }
            }
            return capture
        }
        killGroup(group)
        return result
    }

    private enum Part: Sendable {
        case output(BoundedBuffer)
        case error(BoundedBuffer)
        case watchdog(fired: Bool)
    }

    private static func killGroup(_ group: pid_t) {
        _ = kill(-group, SIGKILL)
    }

    private static func configuration(for command: Command) throws(ExecError) -> Configuration {
        var options = PlatformOptions()
        options.createSession = true
        if let user = command.user {
            let account = try SystemAccount.lookUp(user)
            if account.userID != SystemAccount.currentUserID {
                guard SystemAccount.currentUserID == 0 else {
                    throw ExecError(
                        .user,
                        "cannot run \(command.executable) as \(account.name): the agent runs as uid "
                            + "\(SystemAccount.currentUserID), and only root may switch users")
                }
                options.userID = account.userID
                options.groupID = account.groupID
                options.supplementaryGroups = account.groups
            }
        }
        return Configuration(
            executable: .path(FilePath(command.executable)),
            arguments: Arguments(command.arguments),
            environment: .custom(
                Dictionary(
                    uniqueKeysWithValues: command.environment.map { (Environment.Key(stringLiteral: $0.key), $0.value) }
                )),
            workingDirectory: command.workingDirectory.map { FilePath($0) },
            platformOptions: options
        )
    }

    /// A clear error before spawning, for the two mistakes users make most: a wrong path, a file without `x`.
    private static func checkExecutable(_ path: String) throws(ExecError) {
        guard path.hasPrefix("/") else {
            throw ExecError(.notFound, "\(path) is not an absolute path")
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw ExecError(.notFound, "\(path) does not exist")
        }
        guard status.st_mode & S_IFMT == S_IFREG, access(path, X_OK) == 0 else {
            throw ExecError(.notExecutable, "\(path) is not an executable file")
        }
    }

    private static func spawnError(_ error: SubprocessError, command: Command) -> ExecError {
        let detail = error.underlyingError.map { " (\($0))" } ?? ""
        switch error.code {
        case .executableNotFound:
            return ExecError(.notFound, "\(command.executable) does not exist")
        case .failedToChangeWorkingDirectory:
            return ExecError(
                .workingDirectory,
                "cannot run \(command.executable) in \(command.workingDirectory ?? "?")\(detail)")
        default:
            return ExecError(.spawnFailed, "could not run \(command.executable)\(detail)")
        }
    }
}
