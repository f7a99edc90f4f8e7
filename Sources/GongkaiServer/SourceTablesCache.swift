import GongkaiModel
import Synchronization

/// The tables of stored web pages and Word files as their files lay them out, by the file's content hash: read
/// again from the stored file (in a worker, as an upload is) the first time a report's page is shown, then kept,
/// at most ``capacity`` files, the oldest forgotten first.
final class SourceTablesCache: Sendable {
    private let kept = Mutex<(tables: [String: [SourceTable]], order: [String])>(([:], []))
    let capacity: Int

    init(capacity: Int = 64) {
        self.capacity = capacity
    }

    func tables(_ hash: String) -> [SourceTable]? {
        kept.withLock { $0.tables[hash] }
    }

    func keep(_ tables: [SourceTable], hash: String) {
        kept.withLock { kept in
            if kept.tables[hash] == nil { kept.order.append(hash) }
            kept.tables[hash] = tables
            while kept.order.count > capacity {
                kept.tables[kept.order.removeFirst()] = nil
            }
        }
    }
}
