import Foundation
import GongkaiModel
import Synchronization

/// The results of recent checks, in memory only, so that the figures can be downloaded and the page shown again
/// for a while: each under a random token, kept for ``WebOptions/resultLifetime``, at most
/// ``WebOptions/resultCapacity`` of them and ``byteLimit`` of source text together, the oldest dropped first.
/// Nothing here is written to disk or to the corpus; a restart forgets it all.
final class CheckResults: Sendable {
    private let entries = Mutex<[String: CheckResult]>([:])
    let lifetime: TimeInterval
    let capacity: Int
    /// The source lines of all results together, in bytes; a result whose lines alone exceed a quarter of it is kept
    /// without them (its page then shows no source lines).
    let byteLimit: Int

    init(lifetime: TimeInterval, capacity: Int, byteLimit: Int = 128 * 1_048_576) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.byteLimit = byteLimit
    }

    /// Keeps a result under a new token; returns it as kept, with its token and the time it expires.
    func keep(_ result: CheckResult, now: Date = Date()) -> CheckResult {
        var result = result
        result.token = Self.newToken()
        result.expires = now.addingTimeInterval(lifetime)
        if result.bytes > byteLimit / 4 { result.pdf = nil }
        if result.bytes > byteLimit / 4 {
            result.report.source.lines = []
            result.report.source.tables = []
        }
        let kept = result
        entries.withLock { entries in
            entries = entries.filter { $0.value.expires > now }
            var bytes = entries.values.reduce(0) { $0 + $1.bytes }
            while entries.count >= capacity || bytes + kept.bytes > byteLimit,
                let oldest = entries.min(by: { $0.value.expires < $1.value.expires })
            {
                bytes -= oldest.value.bytes
                entries[oldest.key] = nil
            }
            entries[kept.token] = kept
        }
        return kept
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
    /// A PDF's bytes, kept to show its pages (``PageImages``), and their SHA-256; nil for other files.
    var pdf: (bytes: Data, hash: String)?
    /// Set when the result is kept (``CheckResults/keep(_:now:)``).
    var token = ""
    var expires = Date.distantFuture

    /// What the result holds in memory, roughly: its source lines and tables and a PDF's bytes.
    var bytes: Int {
        let lines = report.source.lines.reduce(0) { $0 + $1.utf8.count + 16 }
        let cells = report.source.tables.lazy.flatMap(\.rows).flatMap(\.cells).reduce(0) {
            $0 + $1.text.utf8.count + 48
        }
        return lines + cells + (pdf?.bytes.count ?? 0)
    }
}
