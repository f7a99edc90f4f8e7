import Foundation
import Synchronization

/// Reads many inputs on several threads, each with its own ``IsolatedReader``, and hands the outcomes back in the
/// inputs' order, on the calling thread, as soon as each one and all before it are done.
public enum ReaderPool {
    public static func read<Input: Sendable>(
        _ inputs: [Input],
        isolation: ReaderIsolation,
        jobs: Int,
        prepare: @escaping @Sendable (Input) -> Result<ReadRequest, ReadFailure>,
        deliver: (Int, ReadOutcome) -> Void
    ) {
        guard !inputs.isEmpty else { return }
        let state = Mutex(State())
        let finished = DispatchSemaphore(value: 0)
        let threads = max(1, min(jobs, inputs.count))
        for _ in 0..<threads {
            Thread.detachNewThread {
                let reader = IsolatedReader(isolation)
                defer { reader.stop() }
                while true {
                    let index = state.withLock { state -> Int in
                        defer { state.next += 1 }
                        return state.next
                    }
                    guard index < inputs.count else { break }
                    let outcome: ReadOutcome =
                        switch prepare(inputs[index]) {
                        case .success(let request): reader.read(request)
                        case .failure(let failure): .failed(failure)
                        }
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
    }

    private struct State {
        var next = 0
        var done: [Int: ReadOutcome] = [:]
    }
}
