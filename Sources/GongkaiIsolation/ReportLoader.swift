public import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiRead
import GongkaiWrite

/// Reads and checks one file in this process: a published report in any format Gongkai reads or, where the request
/// allows, a data file. Every reader's error becomes a ``ReadFailure``; nothing is thrown.
public enum ReportLoader {
    public static func load(_ request: ReadRequest) -> ReadOutcome {
        var report: AnnualReport
        let isData = request.acceptsDataFiles && isDataFile(name: request.name, bytes: request.bytes)
        if isData {
            guard let text = String(data: request.bytes, encoding: .utf8) else {
                return .failed(ReadFailure(.unreadable, "数据文件不是有效的 UTF-8 文本。"))
            }
            do {
                report = try ReportDataFile.load(text, name: request.name)
            } catch {
                return .failed(ReadFailure(.unreadable, error.description))
            }
        } else {
            do {
                report = try ReportReader.read(request.bytes, name: request.name)
            } catch {
                return .failed(ReadFailure(.unreadable, error.description))
            }
        }
        let findings = ReportChecker.check(report)
        if !request.keepsSourceLines { report.source.lines = [] }
        return .report(report, findings: findings, isDataFile: isData)
    }

    /// A data file by its name (.yaml, .yml, .json) or by its content (``ReportDataFile/looksLikeData(_:)``).
    public static func isDataFile(name: String, bytes: Data) -> Bool {
        let lowered = name.lowercased()
        if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") || lowered.hasSuffix(".json") { return true }
        return ReportDataFile.looksLikeData(bytes)
    }
}
