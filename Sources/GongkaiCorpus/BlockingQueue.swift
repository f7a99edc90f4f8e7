import Foundation

/// A bounded queue between reader threads and the writer: `push` waits while it is full, `popBatch` while it is
/// empty and producers are still running.
final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var head = 0
    private var finished = 0
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    func push(_ item: Element) {
        condition.lock()
        while items.count - head >= capacity { condition.wait() }
        items.append(item)
        condition.broadcast()
        condition.unlock()
    }

    /// Called once by each producer when it has no more items.
    func finishProducer() {
        condition.lock()
        finished += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Up to `max` items, waiting for at least one; nil when every producer has finished and nothing is left.
    func popBatch(max: Int, producers: Int) -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while items.count == head && finished < producers { condition.wait() }
        // Gather a fuller batch for a moment: fewer, larger transactions.
        let deadline = Date().addingTimeInterval(0.02)
        while items.count - head < max && finished < producers && condition.wait(until: deadline) {}
        guard items.count > head else { return nil }
        let end = min(items.count, head + max)
        let batch = Array(items[head..<end])
        head = end
        if head > 4096 {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return batch
    }
}
