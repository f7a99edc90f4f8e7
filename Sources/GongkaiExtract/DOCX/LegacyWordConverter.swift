public import Foundation
public import GongkaiTools

/// Old binary Word and WPS files (.doc, OLE compound) turned into DOCX by LibreOffice, when it is installed.
public enum LegacyWordConverter {
    /// Seconds a conversion may take; LibreOffice needs about 2 s for a report, most of it starting up.
    public static let timeout = 120.0

    /// LibreOffice on this machine, if it is installed.
    public static func findLibreOffice() -> ExternalTool? { LibreOffice.find() }

    /// Converts with `tool` (LibreOffice's `soffice`); without one, says how to go on.
    public static func convert(_ data: Data, tool: ExternalTool? = findLibreOffice()) throws(ExtractError) -> Data {
        do {
            return try LibreOffice.convert(
                data,
                input: "report.doc",
                target: "docx:MS Word 2007 XML",
                output: "report.docx",
                timeout: timeout,
                tool: tool
            )
        } catch {
            switch error {
            case .missing: throw .legacyWord
            case .timedOut(let seconds): throw .timedOut(seconds: seconds)
            case .failed(let message):
                throw .legacyConversionFailed(message.hasPrefix("退出码") ? "没有生成 .docx 文件（可能已加密或已损坏）" : message)
            }
        }
    }
}
