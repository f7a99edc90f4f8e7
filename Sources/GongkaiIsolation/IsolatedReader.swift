import GongkaiExtract

/// Reads files one at a time, isolated as asked: one per thread (a worker process of its own, when there are any).
public final class IsolatedReader {
    public let isolation: ReaderIsolation
    private var worker: WorkerProcess?

    public init(_ isolation: ReaderIsolation) {
        self.isolation = isolation
        if case .workerProcesses(let command, let timeLimit) = isolation {
            worker = WorkerProcess(command: command, timeLimit: timeLimit)
        }
    }

    /// Reads and checks one file; never throws, never crashes on the file's account (with worker processes).
    public func read(_ request: ReadRequest) -> ReadOutcome {
        // Refused before it is sent: no file this large is read.
        if request.bytes.count > TextExtractor.defaultSizeLimit {
            let error = ExtractError.tooLarge(bytes: request.bytes.count, limit: TextExtractor.defaultSizeLimit)
            return .failed(ReadFailure(.unreadable, error.description))
        }
        if let worker { return worker.read(request) }
        return ReportLoader.load(request)
    }

    /// Reads and checks one file and writes it out as asked, in the worker when there is one: only the bytes cross
    /// to this process, not the report.
    public func render(_ request: ReadRequest, as rendering: ReportRendering) -> Result<[UInt8], ReadFailure> {
        if request.bytes.count > TextExtractor.defaultSizeLimit {
            let error = ExtractError.tooLarge(bytes: request.bytes.count, limit: TextExtractor.defaultSizeLimit)
            return .failure(ReadFailure(.unreadable, error.description))
        }
        if let worker { return worker.render(request, as: rendering) }
        return ReportLoader.render(request, as: rendering)
    }

    /// Ends the worker process, if any; the next read starts another.
    public func stop() { worker?.stop() }
}
