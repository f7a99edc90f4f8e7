/// Why a source could not be turned into a document. Each case reads as one clear sentence.
public enum ExtractError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case tooLarge(bytes: Int, limit: Int)
    case binary
    case invalidEncoding
    case unsupportedFormat(String)
    case unreadable(String)
    /// A program of another package that reading this kind of file needs is not installed.
    case missingTool(tool: String, package: String)
    /// A PDF encrypted with a password needed to open it.
    case encrypted
    /// A damaged or truncated file of a kind that was recognised (`PDF`, `Word`).
    case corrupt(String)
    /// Reading took longer than the limit and was stopped.
    case timedOut(seconds: Int)
    /// A scanned PDF with no text layer, and no OCR engine to read it.
    case noTextLayer(missing: String)

    /// A zip that holds no Word document (an Excel or PowerPoint file, an OpenDocument file, a plain archive).
    case notWordArchive(String)
    /// A Word file whose zip is damaged or truncated, with what was found wrong.
    case damagedWord(String)
    /// A Word file with more zip entries than a report could have.
    case tooManyWordParts(count: Int, limit: Int)
    /// A part of a Word file that inflates past the limit (a zip bomb, or a header that lies about the size).
    case wordPartTooLarge(part: String, limit: Int)
    /// A Word document with more paragraphs and table rows than a report could have.
    case tooManyWordLines(limit: Int)
    /// A part of a Word file whose XML is nested deeper than the limit.
    case wordXMLTooDeep(part: String, limit: Int)
    /// A part of a Word file that is not well-formed XML.
    case malformedWordXML(part: String, line: Int, detail: String)
    /// A Word file whose content is encrypted.
    case encryptedWord
    /// An old binary Word or WPS file (.doc) and no LibreOffice to convert it.
    case legacyWord
    /// LibreOffice could not convert an old binary Word file.
    case legacyConversionFailed(String)

    public var description: String {
        switch self {
        case .empty:
            "文件为空，没有可读取的内容。"
        case .tooLarge(let bytes, let limit):
            "文件过大（\(megabytes(bytes)) MB），超过读取上限 \(megabytes(limit)) MB；一份年度报告的文本通常不到 1 MB。"
        case .binary:
            "文件是二进制数据，不是文本，也不是可识别的 HTML、Word 或 PDF 文件。"
        case .invalidEncoding:
            "文件含有无法按 UTF-8、UTF-16 或 GB18030（GBK）解码的字节，请确认文件编码。"
        case .unsupportedFormat(let name):
            "暂不支持读取\(name)文件；请提供纯文本（.txt）或 Markdown 文件。"
        case .unreadable(let reason):
            "无法读取文件：\(reason)"
        case .missingTool(let tool, let package):
            "读取这种文件需要 \(tool)，本机未安装；请安装 Debian 软件包 \(package)（apt-get install \(package)）。"
        case .encrypted:
            "PDF 文件已加密（设有打开密码），无法读取；请提供未加密的文件。"
        case .corrupt(let kind):
            "\(kind) 文件已损坏或不完整，无法读取。"
        case .timedOut(let seconds):
            "读取超过 \(seconds) 秒仍未完成，已停止；文件可能过大或已损坏。"
        case .noTextLayer(let missing):
            "PDF 没有文字层（可能是扫描件），需要文字识别（OCR）才能读取；请安装 Debian 软件包 \(missing)。"
        case .notWordArchive(let kind):
            "文件是\(kind)，不是 Word（.docx）文件：其中没有 word/document.xml。请提供年度报告的 Word、PDF、HTML 或文本文件。"
        case .damagedWord(let detail):
            "Word 文件已损坏或不完整（\(detail)），无法读取；请重新下载，或用 Word/WPS 打开后另存为 .docx 再试。"
        case .tooManyWordParts(let count, let limit):
            "Word 文件的压缩包中有 \(count) 个条目，超过上限 \(limit) 个，不像一份年度报告，已停止读取。"
        case .wordPartTooLarge(let part, let limit):
            "Word 文件中的 \(part) 解压后超过 \(megabytes(limit)) MB 的上限，可能是恶意构造的压缩包（zip 炸弹），已停止读取。"
        case .tooManyWordLines(let limit):
            "Word 文件的段落和表格行超过 \(limit) 个，不像一份年度报告，已停止读取。"
        case .wordXMLTooDeep(let part, let limit):
            "Word 文件中的 \(part) 的 XML 嵌套超过 \(limit) 层，不是正常的 Word 文档，已停止读取。"
        case .malformedWordXML(let part, let line, let detail):
            "Word 文件中的 \(part) 不是格式正确的 XML（第 \(line) 行：\(detail)），文件可能已损坏。"
        case .encryptedWord:
            "Word 文件已加密，无法读取；请去掉密码后另存为 .docx 再试。"
        case .legacyWord:
            "这是旧版 Word（.doc）或 WPS 文件，请另存为 .docx 或 PDF 后再读取（或安装 LibreOffice：apt-get install libreoffice-writer-nogui）。"
        case .legacyConversionFailed(let detail):
            "旧版 Word（.doc）文件无法用 LibreOffice 转换为 .docx（\(detail)）；请用 Word/WPS 另存为 .docx 或 PDF 后再读取。"
        }
    }

    private func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}
