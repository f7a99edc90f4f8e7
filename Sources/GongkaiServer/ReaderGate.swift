import Foundation
import GongkaiIsolation
import HTTPTypes

/// A fixed number of readers (each a worker process, when reading is isolated) that uploads take turns on, and a
/// bounded queue of uploads waiting for one: however many arrive at once, no more files are read at a time, and
/// an upload that would wait beyond the queue is turned away at once.
actor ReaderGate {
    private var idle: [ReaderSlot]
    private var waiting: [CheckedContinuation<ReaderSlot, Never>] = []
    private let waitingLimit: Int

    init(isolation: ReaderIsolation, readers: Int, waitingLimit: Int) {
        idle = (0..<max(1, readers)).map { _ in ReaderSlot(IsolatedReader(isolation)) }
        self.waitingLimit = waitingLimit
    }

    /// Reads and checks one file on the next free reader, on a thread of its own while the read lasts.
    nonisolated func read(_ request: ReadRequest) async throws(WebError) -> ReadOutcome {
        let slot = try await acquire()
        let outcome = await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: slot.reader.read(request)) }
        }
        await release(slot)
        return outcome
    }

    /// The text of a document (an attachment to screen, report or not) read on the next free reader: a file that
    /// crashes or hangs the reader costs its worker, not the server.
    nonisolated func text(_ request: ReadRequest) async throws(WebError) -> Result<String, ReadFailure> {
        let slot = try await acquire()
        let outcome = await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: slot.reader.render(request, as: .documentText)) }
        }
        await release(slot)
        return outcome.map { String(decoding: $0, as: UTF8.self) }
    }

    private func acquire() async throws(WebError) -> ReaderSlot {
        if let slot = idle.popLast() { return slot }
        guard waiting.count < waitingLimit else {
            throw WebError(.serviceUnavailable, "服务器正忙：正在读取的报告太多，请稍后再试。")
        }
        return await withCheckedContinuation { waiting.append($0) }
    }

    private func release(_ slot: ReaderSlot) {
        if waiting.isEmpty {
            idle.append(slot)
        } else {
            waiting.removeFirst().resume(returning: slot)
        }
    }
}

/// One reader, used by one upload at a time: the gate hands it to one request and takes it back before handing it
/// to another, which is what makes sharing it across threads safe.
final class ReaderSlot: @unchecked Sendable {
    let reader: IsolatedReader

    init(_ reader: IsolatedReader) { self.reader = reader }
}
