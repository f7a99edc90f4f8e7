import Foundation
import GongkaiModel

/// The frames a worker and its parent exchange.
///
/// A request: one byte of flags (1: data files accepted, 2: source lines kept; bits 2 and 3: the
/// ``ReportRendering`` asked for, 0 for the report itself), four bytes of name length (little-endian), the name in
/// UTF-8, then the file's bytes. An answer: one byte of kind, then its body — an outcome (a report and its findings in
/// ``ReportWire``'s form, the rendered bytes, or a failure's kind and message), or a tool's time limit (a decimal
/// number of seconds) when the worker starts a program of another package, before the outcome.
enum WorkerMessage {
    enum AnswerKind: UInt8 {
        case report = 0
        case failure = 1
        case toolStarted = 2
        case rendered = 3
    }

    /// What a worker answers for a file.
    enum Answer {
        case report(ReportPayload)
        case rendered([UInt8])
        case failed(ReadFailure)
    }

    static func request(_ request: ReadRequest, rendering: ReportRendering? = nil) -> [[UInt8]] {
        let flags: UInt8 =
            (request.acceptsDataFiles ? 1 : 0) | (request.keepsSourceLines ? 2 : 0) | (rendering?.rawValue ?? 0) << 2
        let name = Array(request.name.utf8)
        var head: [UInt8] = [flags]
        for index in 0..<4 { head.append(UInt8(truncatingIfNeeded: name.count >> (8 * index))) }
        return [head + name, [UInt8](request.bytes)]
    }

    static func decodeRequest(_ frame: [UInt8]) -> (request: ReadRequest, rendering: ReportRendering?)? {
        guard frame.count >= 5 else { return nil }
        let flags = frame[0]
        let length = (1...4).reduce(0) { $0 | Int(frame[$1]) << (8 * ($1 - 1)) }
        guard length <= frame.count - 5 else { return nil }
        let name = String(decoding: frame[5..<(5 + length)], as: UTF8.self)
        let rendering = ReportRendering(rawValue: flags >> 2 & 7)
        guard rendering != nil || flags >> 2 & 7 == 0 else { return nil }
        let request = ReadRequest(
            name: name,
            bytes: Data(frame[(5 + length)...]),
            acceptsDataFiles: flags & 1 != 0,
            keepsSourceLines: flags & 2 != 0
        )
        return (request, rendering)
    }

    static func answer(_ outcome: ReadOutcome) -> [UInt8] {
        switch outcome {
        case .report(let report, let findings, let isDataFile):
            var writer = WireWriter(capacity: 16_384)
            writer.byte(AnswerKind.report.rawValue)
            ReportWire.write(ReportPayload(report: report, findings: findings, isDataFile: isDataFile), into: &writer)
            return writer.bytes
        case .failed(let failure):
            return answer(failure)
        }
    }

    static func answer(_ rendered: Result<[UInt8], ReadFailure>) -> [UInt8] {
        switch rendered {
        case .success(let bytes): [AnswerKind.rendered.rawValue] + bytes
        case .failure(let failure): answer(failure)
        }
    }

    private static func answer(_ failure: ReadFailure) -> [UInt8] {
        var writer = WireWriter(capacity: 256)
        writer.byte(AnswerKind.failure.rawValue)
        writer.string(failure.kind.rawValue)
        writer.string(failure.message)
        return writer.bytes
    }

    /// The answer in a frame of kind report, rendered or failure, or nil when the answer is damaged.
    static func answer(_ frame: [UInt8]) -> Answer? {
        var reader = WireReader(frame, from: 1)
        do throws(WireReader.Malformed) {
            switch frame.first.flatMap(AnswerKind.init(rawValue:)) {
            case .report:
                let payload = try ReportWire.readPayload(&reader)
                guard reader.isAtEnd else { return nil }
                return .report(payload)
            case .rendered:
                return .rendered(Array(frame.dropFirst()))
            case .failure:
                guard let kind = ReadFailure.Kind(rawValue: try reader.string()) else { return nil }
                let answer = Answer.failed(ReadFailure(kind, try reader.string()))
                guard reader.isAtEnd else { return nil }
                return answer
            case .toolStarted, nil:
                return nil
            }
        } catch {
            return nil
        }
    }

    static func toolStarted(timeout: Double) -> [UInt8] {
        [AnswerKind.toolStarted.rawValue] + Array(String(timeout).utf8)
    }
}
