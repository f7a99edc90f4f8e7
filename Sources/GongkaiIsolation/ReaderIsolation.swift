/// Where files are read: in this process, or in worker processes that a crash or a runaway read of one file cannot
/// take down.
public enum ReaderIsolation: Sendable, Hashable {
    /// In the calling thread. For library callers that trust their input, tests of the readers and benchmarks.
    case inProcess
    /// In worker processes started with the command, each file within its time limit.
    case workerProcesses(WorkerCommand, timeLimit: ReadTimeLimit = .standard)
}
