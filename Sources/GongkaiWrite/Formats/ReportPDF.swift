public import Foundation
public import GongkaiModel
import GongkaiTools

/// PDF through LibreOffice: the report is written as DOCX and converted headless, with the fonts of government
/// documents set in Chinese faces (``OfficialFonts``). LibreOffice is an optional runtime dependency; without it the
/// error names the Debian package to install.
public enum ReportPDF {
    public enum ConvertError: Error, Sendable, CustomStringConvertible {
        case missingLibreOffice
        case failed(String)
        case timedOut(seconds: Int)

        public var description: String {
            switch self {
            case .missingLibreOffice:
                "生成 PDF 需要 LibreOffice：请安装 Debian 软件包 libreoffice-writer-nogui（以及中文字体 fonts-arphic-uming、fonts-arphic-ukai、fonts-wqy-zenhei），"
                    + "或先生成 Word 文件（--to docx）再另存为 PDF。"
            case .failed(let detail):
                "LibreOffice 转换 PDF 失败：\(detail)"
            case .timedOut(let seconds):
                "LibreOffice 转换 PDF 超过 \(seconds) 秒仍未完成，已停止。"
            }
        }
    }

    /// The LibreOffice executable, if installed.
    public static func libreOffice() -> URL? { LibreOffice.find()?.executable }

    /// The report as Word with ragged-right text (see ``ReportDOCX/render(_:justified:)``), converted to PDF. Running
    /// text is set as printed Chinese is: without the space a report may type between a figure and a Chinese
    /// character (「2023 年」 is printed 「2023年」).
    public static func render(_ report: AnnualReport, timeout: Int = 120) throws -> Data {
        var layout = ReportLayout(report)
        layout.blocks = layout.blocks.map { block in
            switch block {
            case .paragraph(let text): .paragraph(ReportLayout.closingSpaces(text))
            case .subheading(let text): .subheading(ReportLayout.closingSpaces(text))
            default: block
            }
        }
        return try convert(docx: ReportDOCX.render(layout, options: .init(justified: false)), timeout: timeout)
    }

    /// Converts a DOCX file's bytes to PDF.
    public static func convert(docx: Data, timeout: Int = 120) throws(ConvertError) -> Data {
        do {
            return try LibreOffice.convert(
                docx,
                input: "report.docx",
                target: "pdf",
                output: "report.pdf",
                timeout: Double(timeout),
                fontConfiguration: OfficialFonts.configuration
            )
        } catch {
            switch error {
            case .missing: throw .missingLibreOffice
            case .failed(let message): throw .failed(message)
            case .timedOut(let seconds): throw .timedOut(seconds: seconds)
            }
        }
    }
}
