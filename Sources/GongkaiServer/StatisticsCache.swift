import Foundation
import Synchronization

/// Sums over the corpus that 统计图 and 汇总 asked the store for recently: the same page asked again is answered from
/// memory instead of a pass over every report. A value older than ``lifetime`` seconds is still answered once more
/// while a fresh one is worked out beside it, so that only the very first request of a page waits for the store.
/// The server only reads the corpus, which an ingest elsewhere changes now and then; a page says how old its numbers
/// may be.
final class StatisticsCache: Sendable {
    struct Entry {
        var expires: Date
        var value: any Sendable
        var refreshing = false
    }

    /// What the cache holds for a key: a value to answer with, one to answer with while a fresh one is worked out,
    /// or nothing.
    enum Kept<T> {
        case fresh(T)
        case stale(T)
        case none
    }

    private let entries = Mutex<[String: Entry]>([:])
    let lifetime: TimeInterval
    let capacity: Int

    init(lifetime: TimeInterval = 60, capacity: Int = 256) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The value kept under the key, or the body's, kept from now on.
    func value<T: Sendable>(
        _ key: String,
        now: Date = Date(),
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let kept = entries.withLock { entries -> Kept<T> in
            guard let entry = entries[key], let value = entry.value as? T else { return .none }
            if entry.expires > now { return .fresh(value) }
            if entry.refreshing { return .fresh(value) }
            entries[key]?.refreshing = true
            return .stale(value)
        }
        switch kept {
        case .fresh(let value):
            return value
        case .stale(let value):
            Task {
                do {
                    keep(try await body(), under: key)
                } catch {
                    entries.withLock { $0[key] = nil }
                }
            }
            return value
        case .none:
            let value = try await body()
            keep(value, under: key, now: now)
            return value
        }
    }

    /// Whether a value is kept under the key, fresh or stale.
    func holds(_ key: String) -> Bool { entries.withLock { $0[key] != nil } }

    private func keep(_ value: some Sendable, under key: String, now: Date = Date()) {
        entries.withLock { entries in
            if entries.count >= capacity { entries = entries.filter { $0.value.expires > now } }
            while entries.count >= capacity, let oldest = entries.min(by: { $0.value.expires < $1.value.expires }) {
                entries[oldest.key] = nil
            }
            entries[key] = Entry(expires: now.addingTimeInterval(lifetime), value: value)
        }
    }
}
