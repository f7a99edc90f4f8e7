public import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A program of another package (poppler's `pdftotext`, Tesseract, LibreOffice) run as a subprocess with a time limit.
///
/// Spawned with `posix_spawn` and waited for with `waitid`, so a run costs the program's own time and nothing more
/// (Foundation's `Process.waitUntilExit` polls its run loop every 50 ms on Linux).
public struct ExternalTool: Sendable {
    /// What a finished run gave back.
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: Data
        public var timedOut: Bool
    }

    /// Why a tool could not be run at all.
    public struct LaunchError: Error, Sendable, CustomStringConvertible {
        public var code: Int32
        public var description: String { "cannot start the program (\(String(cString: strerror(code))))" }
    }

    public let executable: URL

    /// The program at `executable`, found by the caller.
    public init(executable: URL) { self.executable = executable }

    /// Called with each run's time limit before the program starts, on the thread that runs it. A worker process
    /// tells its parent, whose own time limit for the file is extended by as much: a tool's time is bounded by its
    /// own limit.
    public static var runObserver: (@Sendable (_ timeout: Double) -> Void)? {
        get { observer.withLock { $0 } }
        set { observer.withLock { $0 = newValue } }
    }
    private static let observer = Mutex<(@Sendable (Double) -> Void)?>(nil)

    /// Finds `name` on `PATH` (and the usual system folders), or nil when it is not installed.
    public static func find(_ name: String) -> ExternalTool? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/bin"]
        for folder in folders where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return ExternalTool(executable: candidate)
            }
        }
        return nil
    }

    /// Runs the tool to its end, or until `timeout` seconds have passed, when it is killed. Both output pipes are
    /// read as they fill, so a large output never blocks the tool. `environment` adds to (or replaces in) this
    /// process's environment for the tool.
    public func run(
        _ arguments: [String],
        timeout: Double,
        environment: [String: String] = [:]
    ) throws(LaunchError) -> Output {
        Self.runObserver?(timeout)
        // Both pipes are close-on-exec from their making, and the tool closes every other descriptor: a program
        // another thread starts meanwhile cannot hold them open, nor this tool another's.
        guard let outputEnds = Spawning.pipe() else { throw LaunchError(code: errno) }
        guard let errorEnds = Spawning.pipe() else {
            close(outputEnds.read)
            close(outputEnds.write)
            throw LaunchError(code: errno)
        }
        let output = [outputEnds.read, outputEnds.write]
        let errors = [errorEnds.read, errorEnds.write]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        guard Spawning.closeOthers(&actions) == 0 else {
            for descriptor in output + errors { close(descriptor) }
            throw LaunchError(code: errno)
        }

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawned: Int32
        if environment.isEmpty {
            spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        } else {
            var variables = ProcessInfo.processInfo.environment
            variables.merge(environment) { _, new in new }
            let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer { for pointer in envp { free(pointer) } }
            spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, envp)
        }
        close(output[1])
        close(errors[1])
        guard spawned == 0 else {
            close(output[0])
            close(errors[0])
            throw LaunchError(code: spawned)
        }

        let watch = Watch(pid: pid)
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { watch.killIfRunning() }
        let stderr = PipeReader(errors[0])
        let stdout = readAll(output[0])
        close(output[0])
        // Wait for the exit without reaping, so the time-limit kill can never hit a reused process id.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0, errno == EINTR {}
        let timedOut = watch.finish()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let errorData = stderr.finish()
        close(errors[0])
        let exitStatus: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Output(status: exitStatus, stdout: stdout, stderr: errorData, timedOut: timedOut)
    }
}

/// Everything a file descriptor gives until end of file.
private func readAll(_ descriptor: Int32) -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count > 0 {
            data.append(contentsOf: buffer[0..<count])
        } else if count == 0 || errno != EINTR {
            break
        }
    }
    return data
}

/// The time limit of one run: kills the process unless it has already exited.
private final class Watch: @unchecked Sendable {
    private let lock = NSLock()
    private let pid: pid_t
    private var exited = false
    private var killed = false

    init(pid: pid_t) { self.pid = pid }

    func killIfRunning() {
        lock.lock()
        defer { lock.unlock() }
        if !exited {
            killed = true
            kill(pid, SIGKILL)
        }
    }

    /// Marks the process as exited; true when the time limit had killed it.
    func finish() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        exited = true
        return killed
    }
}

/// Reads a pipe to its end on another thread, so neither pipe of a subprocess can fill up and block it.
private final class PipeReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ descriptor: Int32) {
        DispatchQueue.global().async { [self] in
            data = readAll(descriptor)
            done.signal()
        }
    }

    func finish() -> Data {
        done.wait()
        return data
    }
}
