import Foundation
import Synchronization

/// Sums over the corpus that 统计图 and 汇总 asked the store for recently, kept for ``lifetime`` seconds: the same
/// page asked again within it is answered from memory instead of a pass over every report. The server only reads
/// the corpus, which an ingest elsewhere changes now and then; a page says how old its numbers may be.
final class StatisticsCache: Sendable {
    private let entries = Mutex<[String: (expires: Date, value: any Sendable)]>([:])
    let lifetime: TimeInterval
    let capacity: Int

    init(lifetime: TimeInterval = 60, capacity: Int = 256) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The value kept under the key, or the body's, kept from now on.
    func value<T: Sendable>(_ key: String, now: Date = Date(), _ body: () async throws -> T) async throws -> T {
        let kept = entries.withLock { entries -> T? in
            guard let entry = entries[key], entry.expires > now else { return nil }
            return entry.value as? T
        }
        if let kept { return kept }
        let value = try await body()
        entries.withLock { entries in
            if entries.count >= capacity { entries = entries.filter { $0.value.expires > now } }
            while entries.count >= capacity, let oldest = entries.min(by: { $0.value.expires < $1.value.expires }) {
                entries[oldest.key] = nil
            }
            entries[key] = (now.addingTimeInterval(lifetime), value)
        }
        return value
    }
}
