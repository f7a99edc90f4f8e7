public import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiRead
import GongkaiWrite

/// Reads and checks one file in this process: a published report in any format Gongkai reads or, where the request
/// allows, a data file. Every reader's error becomes a ``ReadFailure``; nothing is thrown.
public enum ReportLoader {
    public static func load(_ request: ReadRequest) -> ReadOutcome {
        switch readAndCheck(request) {
        case .success(let read):
            var report = read.report
            if !request.keepsSourceLines { report.source.lines = [] }
            return .report(report, findings: read.findings, isDataFile: read.isData)
        case .failure(let failure):
            return .failed(failure)
        }
    }

    /// Reads and checks one file in this process and writes it out as asked.
    public static func render(_ request: ReadRequest, as rendering: ReportRendering) -> Result<[UInt8], ReadFailure> {
        if rendering == .documentText { return ReportRendering.documentText(request) }
        return readAndCheck(request).map { rendering.render($0.report, findings: $0.findings) }
    }

    private static func readAndCheck(
        _ request: ReadRequest
    ) -> Result<(report: AnnualReport, findings: [Finding], isData: Bool), ReadFailure> {
        let report: AnnualReport
        let isData = request.acceptsDataFiles && isDataFile(name: request.name, bytes: request.bytes)
        if isData {
            guard let text = String(data: request.bytes, encoding: .utf8) else {
                return .failure(ReadFailure(.unreadable, "数据文件不是有效的 UTF-8 文本。"))
            }
            do {
                report = try ReportDataFile.load(text, name: request.name)
            } catch {
                return .failure(ReadFailure(.unreadable, error.description))
            }
        } else {
            do {
                report = try ReportReader.read(request.bytes, name: request.name)
            } catch {
                return .failure(ReadFailure(.unreadable, error.description))
            }
        }
        return .success((report, ReportChecker.check(report), isData))
    }

    /// A data file by its name (.yaml, .yml, .json) or by its content (``ReportDataFile/looksLikeData(_:)``).
    public static func isDataFile(name: String, bytes: Data) -> Bool {
        let lowered = name.lowercased()
        if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") || lowered.hasSuffix(".json") { return true }
        return ReportDataFile.looksLikeData(bytes)
    }
}
