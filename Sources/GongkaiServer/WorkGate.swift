import HTTPTypes

/// At most a fixed number of one kind of slow work (a LibreOffice conversion, a page drawn by poppler) at a time,
/// each off the concurrency pool; a bounded number more wait their turn, and one beyond that is turned away at once
/// (503) with the gate's message.
actor WorkGate {
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private let limit: Int
    private let waitingLimit: Int
    private let busyMessage: String

    init(limit: Int, waitingLimit: Int, busyMessage: String) {
        self.limit = max(1, limit)
        self.waitingLimit = max(0, waitingLimit)
        self.busyMessage = busyMessage
    }

    /// The work waiting for its turn.
    var queued: Int { waiting.count }

    /// Runs the work when its turn comes, on a thread of its own (``BlockingWork``).
    nonisolated func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await acquire()
        do {
            let result = try await BlockingWork.run(body)
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async throws(WebError) {
        if running < limit {
            running += 1
            return
        }
        guard waiting.count < waitingLimit else { throw WebError(.serviceUnavailable, busyMessage) }
        // The place is handed over by `release`, which leaves `running` as it is.
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
