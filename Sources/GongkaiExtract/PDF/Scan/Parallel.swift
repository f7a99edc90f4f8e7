import Dispatch
import Synchronization

/// Two pieces of work run side by side (each runs a program and waits for it).
enum Parallel {
    /// The results of `first` and `second`, run at the same time; the first error either throws, once both ended.
    static func both<A: Sendable, B: Sendable>(
        _ first: @Sendable () throws(ExtractError) -> A,
        _ second: @Sendable () throws(ExtractError) -> B
    ) throws(ExtractError) -> (A, B) {
        let firstResult = Mutex<Result<A, ExtractError>?>(nil)
        let secondResult = Mutex<Result<B, ExtractError>?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 {
                let result: Result<A, ExtractError>
                do throws(ExtractError) { result = .success(try first()) } catch { result = .failure(error) }
                firstResult.withLock { $0 = result }
            } else {
                let result: Result<B, ExtractError>
                do throws(ExtractError) { result = .success(try second()) } catch { result = .failure(error) }
                secondResult.withLock { $0 = result }
            }
        }
        guard let a = firstResult.withLock({ $0 }), let b = secondResult.withLock({ $0 }) else {
            throw .unreadable("文字识别（OCR）失败。")
        }
        return (try a.get(), try b.get())
    }
}
