import Foundation
import GongkaiTools
import Synchronization

/// One worker process and the parent's end of its pipes, used by one thread at a time.
///
/// The worker is started on the first request and again after it died or was stopped. A worker that dies while
/// reading a file (a crash in a reader) or outlives the file's time limit (killed) costs that file only: its outcome
/// says so, and the next request gets a new worker.
final class WorkerProcess {
    let command: WorkerCommand
    let timeLimit: ReadTimeLimit
    private var pid: pid_t = 0
    private var channel: FrameChannel?
    /// The workers' standard error: an unlinked temporary file, read after a crash for the reason it printed.
    private var errorFile: Int32 = -1

    init(command: WorkerCommand, timeLimit: ReadTimeLimit) {
        self.command = command
        self.timeLimit = timeLimit
    }

    deinit { stop() }

    /// Reads one file in the worker.
    func read(_ request: ReadRequest) -> ReadOutcome {
        switch exchange(request, rendering: nil) {
        case .report(let payload): .report(payload.report, findings: payload.findings, isDataFile: payload.isDataFile)
        case .failed(let failure): .failed(failure)
        case .rendered: .failed(misunderstood())
        }
    }

    /// Reads one file in the worker, which writes it out as asked.
    func render(_ request: ReadRequest, as rendering: ReportRendering) -> Result<[UInt8], ReadFailure> {
        switch exchange(request, rendering: rendering) {
        case .rendered(let bytes): .success(bytes)
        case .failed(let failure): .failure(failure)
        case .report: .failure(misunderstood())
        }
    }

    /// An answer of the wrong kind: the worker is killed, as for a damaged answer.
    private func misunderstood() -> ReadFailure {
        let failure = ReadFailure(.crashed, "读取进程的回答无法理解（内部错误）。")
        _ = killed(failure)
        return failure
    }

    private func exchange(_ request: ReadRequest, rendering: ReportRendering?) -> WorkerMessage.Answer {
        if channel == nil, let failure = start() { return .failed(failure) }
        guard let channel else { return .failed(ReadFailure(.crashed, "无法启动读取进程。")) }
        var deadline =
            DispatchTime.now().uptimeNanoseconds + Self.nanoseconds(timeLimit.seconds(forBytes: request.bytes.count))
        let parts = WorkerMessage.request(request, rendering: rendering)
        guard channel.write(parts[0], parts[1]) else { return died() }
        while true {
            switch channel.read(deadline: deadline) {
            case .frame(let frame):
                if frame.first == WorkerMessage.AnswerKind.toolStarted.rawValue {
                    let seconds = Double(String(decoding: frame.dropFirst(), as: UTF8.self)) ?? 0
                    deadline += Self.nanoseconds(min(max(seconds, 0), 3_600))
                    continue
                }
                guard let answer = WorkerMessage.answer(frame) else {
                    return killed(ReadFailure(.crashed, "读取进程的回答无法理解（内部错误）。"))
                }
                return answer
            case .closed:
                return died()
            case .malformed:
                return killed(ReadFailure(.crashed, "读取进程的回答无法理解（内部错误）。"))
            case .timedOut:
                let seconds = Int(timeLimit.seconds(forBytes: request.bytes.count).rounded(.up))
                return killed(
                    ReadFailure(
                        .timedOut,
                        "读取超时：按文件大小应在 \(seconds) 秒内读完，已停止读取。这是 Gongkai 的缺陷，请将此文件报告给开发者。"
                    )
                )
            }
        }
    }

    /// Closes the worker's input, so that it ends, and waits for it.
    func stop() {
        guard channel != nil else { return }
        closeChannel()
        // An idle worker ends at once when its input closes; one that does not is killed.
        for _ in 0..<2_000 where pid > 0 {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                pid = 0
                break
            }
            usleep(1_000)
        }
        if pid > 0 { kill(pid, SIGKILL) }
        _ = reap()
        if errorFile >= 0 {
            close(errorFile)
            errorFile = -1
        }
    }

    private static func nanoseconds(_ seconds: Double) -> UInt64 { UInt64(max(0, seconds) * 1e9) }

    /// The worker died while reading: why, from its exit status and the last line it printed.
    private func died() -> WorkerMessage.Answer {
        closeChannel()
        let status = reap()
        var reason = "读取此文件时读取进程意外终止"
        if let status, status.signal != 0 {
            reason += "（信号 \(status.signal)）"
        } else if let status {
            reason += "（退出状态 \(status.exitCode)）"
        }
        if let printed = lastErrorLine() { reason += "：\(printed)" }
        return .failed(ReadFailure(.crashed, reason + "。这是 Gongkai 的缺陷，请将此文件报告给开发者。"))
    }

    /// Kills the worker and gives the failure.
    private func killed(_ failure: ReadFailure) -> WorkerMessage.Answer {
        if pid > 0 { kill(pid, SIGKILL) }
        closeChannel()
        _ = reap()
        return .failed(failure)
    }

    private func closeChannel() {
        if let channel {
            close(channel.input)
            if channel.output != channel.input { close(channel.output) }
        }
        channel = nil
    }

    private struct ExitStatus {
        var exitCode: Int32
        var signal: Int32
    }

    private func reap() -> ExitStatus? {
        guard pid > 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            if errno != EINTR {
                pid = 0
                return nil
            }
        }
        pid = 0
        let signal = status & 0x7F
        return ExitStatus(exitCode: signal == 0 ? (status >> 8) & 0xFF : 0, signal: signal)
    }

    /// The last line of what the workers printed on standard error (a Swift runtime error says what failed there),
    /// then forgets it.
    private func lastErrorLine() -> String? {
        guard errorFile >= 0 else { return nil }
        let size = lseek(errorFile, 0, SEEK_END)
        guard size > 0 else { return nil }
        let count = Int(min(size, 4_096))
        var buffer = [UInt8](repeating: 0, count: count)
        let got = buffer.withUnsafeMutableBytes { pread(errorFile, $0.baseAddress, count, off_t(size) - off_t(count)) }
        _ = ftruncate(errorFile, 0)
        guard got > 0 else { return nil }
        let text = String(decoding: buffer.prefix(got), as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let line = lines.last { $0.contains("Fatal error") || $0.contains("fatal error") } ?? lines.last
        return line.map { String($0.prefix(300)) }
    }

    /// Starts the worker; the failure when it cannot be started.
    private func start() -> ReadFailure? {
        if errorFile < 0 {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-worker-\(UUID())").path
            errorFile = open(path, O_RDWR | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
            if errorFile >= 0 { unlink(path) }
        }
        var ends: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
            return ReadFailure(.crashed, "无法启动读取进程（\(String(cString: strerror(errno)))）。")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[1], STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, ends[1], STDOUT_FILENO)
        if errorFile >= 0 {
            posix_spawn_file_actions_adddup2(&actions, errorFile, STDERR_FILENO)
        } else {
            posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        }
        // A worker lives as long as its reader: it must not keep open the pipes of programs other threads start.
        guard Spawning.closeOthers(&actions) == 0 else {
            close(ends[0])
            close(ends[1])
            return ReadFailure(.crashed, "无法启动读取进程（\(String(cString: strerror(errno)))）。")
        }
        var environment = ProcessInfo.processInfo.environment
        // A crash is one line in the failure's reason; Swift's backtracer would take seconds to symbolicate it.
        if environment["SWIFT_BACKTRACE"] == nil { environment["SWIFT_BACKTRACE"] = "enable=no" }
        for (key, value) in command.environment { environment[key] = value }
        environment["GONGKAI_WORKER_PARENT"] = String(getpid())
        let argv = ([command.executable] + command.arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var child = pid_t()
        let spawned = posix_spawn(&child, command.executable, &actions, nil, argv, envp)
        close(ends[1])
        guard spawned == 0 else {
            close(ends[0])
            return ReadFailure(.crashed, "无法启动读取进程（\(String(cString: strerror(spawned)))）。")
        }
        pid = child
        channel = FrameChannel(input: ends[0], output: ends[0])
        return nil
    }
}
