import Dispatch

/// Work that blocks a thread (a database query, a read in a worker process), run off the threads of Swift's
/// concurrency pool, which the server's requests share.
enum BlockingWork {
    private static let queue = DispatchQueue(label: "gongkai.web.blocking", attributes: .concurrent)

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
