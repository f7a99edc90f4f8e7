import Foundation
import GongkaiModel

/// The frames a worker and its parent exchange.
///
/// A request: one byte of flags (1: data files accepted, 2: source lines kept), four bytes of name length
/// (little-endian), the name in UTF-8, then the file's bytes. An answer: one byte of kind, then its body — an outcome
/// (``ReportPayload`` or ``ReadFailure`` as JSON), or a tool's time limit (a decimal number of seconds) when the
/// worker starts a program of another package, before the outcome.
enum WorkerMessage {
    enum AnswerKind: UInt8 {
        case report = 0
        case failure = 1
        case toolStarted = 2
    }

    static func request(_ request: ReadRequest) -> [[UInt8]] {
        let flags: UInt8 = (request.acceptsDataFiles ? 1 : 0) | (request.keepsSourceLines ? 2 : 0)
        let name = Array(request.name.utf8)
        var head: [UInt8] = [flags]
        for index in 0..<4 { head.append(UInt8(truncatingIfNeeded: name.count >> (8 * index))) }
        return [head + name, [UInt8](request.bytes)]
    }

    static func decodeRequest(_ frame: [UInt8]) -> ReadRequest? {
        guard frame.count >= 5 else { return nil }
        let flags = frame[0]
        let length = (1...4).reduce(0) { $0 | Int(frame[$1]) << (8 * ($1 - 1)) }
        guard length <= frame.count - 5 else { return nil }
        let name = String(decoding: frame[5..<(5 + length)], as: UTF8.self)
        return ReadRequest(
            name: name,
            bytes: Data(frame[(5 + length)...]),
            acceptsDataFiles: flags & 1 != 0,
            keepsSourceLines: flags & 2 != 0
        )
    }

    static func answer(_ outcome: ReadOutcome) -> [UInt8] {
        let encoder = JSONEncoder()
        switch outcome {
        case .report(let report, let findings, let isDataFile):
            let payload = ReportPayload(report: report, findings: findings, isDataFile: isDataFile)
            if let body = try? encoder.encode(payload) { return [AnswerKind.report.rawValue] + [UInt8](body) }
            return answer(.failed(ReadFailure(.crashed, "读取结果无法传回（内部错误）。")))
        case .failed(let failure):
            let body = (try? encoder.encode(failure)) ?? Data()
            return [AnswerKind.failure.rawValue] + [UInt8](body)
        }
    }

    static func toolStarted(timeout: Double) -> [UInt8] {
        [AnswerKind.toolStarted.rawValue] + Array(String(timeout).utf8)
    }
}
