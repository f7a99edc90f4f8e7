import Foundation
import GongkaiTools

/// The worker's side: reads requests on standard input and answers each on standard output until its input closes.
///
/// Standard output is kept for the frames alone: whatever else writes to it (a library's stray message) goes to
/// standard error instead.
public enum WorkerLoop {
    /// The address space a worker may use: far more than the largest file needs (a 32 MB page parses in a few
    /// hundred megabytes), far less than the machine has, so that a file that makes a reader allocate without end
    /// fails alone instead of driving the machine into swap. The programs the worker runs inherit the limit.
    static let memoryLimit: rlim_t = 8 << 30

    public static func run() {
        signal(SIGPIPE, SIG_IGN)
        var limit = rlimit(rlim_cur: memoryLimit, rlim_max: memoryLimit)
        setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
        // Kept from the programs this worker runs (poppler, Tesseract), so that only the worker holds it open.
        let answers = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        let channel = FrameChannel(input: STDIN_FILENO, output: answers)
        ExternalTool.runObserver = { timeout in
            _ = channel.write(WorkerMessage.toolStarted(timeout: timeout))
        }
        watchParent()
        let faults = WorkerFaults.fromEnvironment()
        while case .frame(let frame) = channel.read() {
            guard let (request, rendering) = WorkerMessage.decodeRequest(frame) else { return }
            faults.apply(to: request)
            let answer =
                if let rendering {
                    WorkerMessage.answer(ReportLoader.render(request, as: rendering))
                } else {
                    WorkerMessage.answer(ReportLoader.load(request))
                }
            guard channel.write(answer) else { return }
        }
    }
}

extension WorkerLoop {
    /// Ends the worker once its parent is gone (killed, say, while this worker was stuck in a file): a worker busy
    /// reading does not see its input close. The parent's id changes when the kernel gives the worker a new one; the
    /// parent names itself in `GONGKAI_WORKER_PARENT`, since it may be gone before this worker asks.
    static func watchParent() {
        let parent =
            ProcessInfo.processInfo.environment["GONGKAI_WORKER_PARENT"].flatMap { pid_t($0) } ?? getppid()
        Thread.detachNewThread {
            while getppid() == parent { sleep(1) }
            _exit(3)
        }
    }
}

/// Faults a test can plant, to see that a reader crash or a runaway read costs its file only: the worker crashes, or
/// never answers, on a file whose bytes contain a marker. Set by the environment variable `GONGKAI_WORKER_FAULTS`
/// (`crash=MARKER`, `hang=MARKER`, separated by `;`); without it the worker has none.
struct WorkerFaults {
    var crashMarkers: [Data] = []
    var hangMarkers: [Data] = []

    static func fromEnvironment() -> WorkerFaults {
        var faults = WorkerFaults()
        guard let text = ProcessInfo.processInfo.environment["GONGKAI_WORKER_FAULTS"] else { return faults }
        for item in text.split(separator: ";") {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else { continue }
            switch parts[0] {
            case "crash": faults.crashMarkers.append(Data(parts[1].utf8))
            case "hang": faults.hangMarkers.append(Data(parts[1].utf8))
            default: continue
            }
        }
        return faults
    }

    func apply(to request: ReadRequest) {
        if crashMarkers.contains(where: { request.bytes.range(of: $0) != nil }) {
            fatalError("planted fault: crash on \(request.name)")
        }
        if hangMarkers.contains(where: { request.bytes.range(of: $0) != nil }) {
            while true { sleep(60) }
        }
    }
}
