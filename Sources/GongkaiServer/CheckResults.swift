import Foundation
import GongkaiModel
import Synchronization

/// The results of recent checks, in memory only, so that the figures can be downloaded and the page shown again
/// for a while: each under a random token, kept for ``WebOptions/resultLifetime`` and at most
/// ``WebOptions/resultCapacity`` of them, the oldest dropped first. Nothing here is written to disk or to the
/// corpus; a restart forgets it all.
final class CheckResults: Sendable {
    private let entries = Mutex<[String: CheckResult]>([:])
    let lifetime: TimeInterval
    let capacity: Int

    init(lifetime: TimeInterval, capacity: Int) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Keeps a result and returns its token.
    func keep(_ result: CheckResult, now: Date = Date()) -> String {
        let token = Self.newToken()
        var result = result
        result.expires = now.addingTimeInterval(lifetime)
        entries.withLock { entries in
            entries = entries.filter { $0.value.expires > now }
            while entries.count >= capacity, let oldest = entries.min(by: { $0.value.expires < $1.value.expires }) {
                entries[oldest.key] = nil
            }
            entries[token] = result
        }
        return token
    }

    /// The result kept under a token, unless it has expired.
    func result(_ token: String, now: Date = Date()) -> CheckResult? {
        entries.withLock { entries in
            guard let result = entries[token] else { return nil }
            guard result.expires > now else {
                entries[token] = nil
                return nil
            }
            return result
        }
    }

    /// 128 random bits as 32 hexadecimal digits.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    static func isToken(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

/// One checked upload: the report read from it and its findings.
struct CheckResult: Sendable {
    var fileName: String
    var report: AnnualReport
    var findings: [Finding]
    var isDataFile: Bool
    var expires = Date.distantFuture
}
