import Foundation
import Synchronization

/// Reads many inputs on several threads, each with its own ``IsolatedReader``, and hands the outcomes back in the
/// inputs' order, on the calling thread, as soon as each one and all before it are done. Returns once every thread
/// has stopped its worker process, so that none outlives the call.
public enum ReaderPool {
    public static func read<Input: Sendable>(
        _ inputs: [Input],
        isolation: ReaderIsolation,
        jobs: Int,
        prepare: @escaping @Sendable (Input) -> Result<ReadRequest, ReadFailure>,
        deliver: (Int, ReadOutcome) -> Void
    ) {
        run(inputs, isolation: isolation, jobs: jobs, deliver: deliver) { reader, input in
            switch prepare(input) {
            case .success(let request): reader.read(request)
            case .failure(let failure): .failed(failure)
            }
        }
    }

    /// Like ``read(_:isolation:jobs:prepare:deliver:)``, but each report is written out where it is read: what is
    /// delivered is its bytes (see ``ReportRendering``).
    public static func render<Input: Sendable>(
        _ inputs: [Input],
        as rendering: ReportRendering,
        isolation: ReaderIsolation,
        jobs: Int,
        prepare: @escaping @Sendable (Input) -> Result<ReadRequest, ReadFailure>,
        deliver: (Int, Result<[UInt8], ReadFailure>) -> Void
    ) {
        run(inputs, isolation: isolation, jobs: jobs, deliver: deliver) { reader, input in
            prepare(input).flatMap { reader.render($0, as: rendering) }
        }
    }

    private static func run<Input: Sendable, Outcome: Sendable>(
        _ inputs: [Input],
        isolation: ReaderIsolation,
        jobs: Int,
        deliver: (Int, Outcome) -> Void,
        work: @escaping @Sendable (IsolatedReader, Input) -> Outcome
    ) {
        guard !inputs.isEmpty else { return }
        let state = Mutex(State<Outcome>())
        let finished = DispatchSemaphore(value: 0)
        let stopped = DispatchGroup()
        let threads = max(1, min(jobs, inputs.count))
        for _ in 0..<threads {
            stopped.enter()
            Thread.detachNewThread {
                let reader = IsolatedReader(isolation)
                defer {
                    reader.stop()
                    stopped.leave()
                }
                while true {
                    let index = state.withLock { state -> Int in
                        defer { state.next += 1 }
                        return state.next
                    }
                    guard index < inputs.count else { break }
                    let outcome = work(reader, inputs[index])
                    state.withLock { $0.done[index] = outcome }
                    finished.signal()
                }
            }
        }
        var delivered = 0
        while delivered < inputs.count {
            finished.wait()
            while let outcome = state.withLock({ $0.done.removeValue(forKey: delivered) }) {
                deliver(delivered, outcome)
                delivered += 1
            }
        }
        stopped.wait()
    }

    private struct State<Outcome: Sendable> {
        var next = 0
        var done: [Int: Outcome] = [:]
    }
}
