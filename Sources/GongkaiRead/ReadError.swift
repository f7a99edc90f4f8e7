public import GongkaiExtract

/// Why a document could not be read as an annual report. Each case reads as one clear sentence.
public enum ReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The source itself could not be read.
    case extraction(ExtractError)
    /// The text has neither an annual-report title nor any of the report's tables.
    case notAReport
    /// The report follows a format older than the 2019 one.
    case unsupportedFormat(year: Int)

    public var description: String {
        switch self {
        case .extraction(let error):
            error.description
        case .notAReport:
            "未识别为政府信息公开工作年度报告：既没有年度报告标题，也没有表二、表三、表四中的任何一张表。"
        case .unsupportedFormat(let year):
            "这是\(year)年度的报告，采用2019年以前的旧格式；本工具只支持国办公开办函〔2019〕60号和〔2021〕30号规定的格式。"
        }
    }
}
