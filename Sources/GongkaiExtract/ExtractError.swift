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
        }
    }

    private func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}
