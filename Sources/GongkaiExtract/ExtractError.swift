/// Why a source could not be turned into a document. Each case reads as one clear sentence.
public enum ExtractError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case tooLarge(bytes: Int, limit: Int)
    case binary
    case invalidEncoding
    case unsupportedFormat(String)
    case unreadable(String)

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
        }
    }

    private func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}
