public import Foundation
import GongkaiExtract

/// Which column of a ledger holds which field. Columns are recognised from their headers (``LedgerField/synonyms``);
/// ``headers`` names the header of a field where the ledger's own wording is not recognised, or is taken wrongly.
public struct LedgerMapping: Sendable, Hashable {
    /// Field → the header text of its column, overriding recognition.
    public var headers: [LedgerField: String]
    /// The workbook's sheet to read; the first when nil.
    public var sheet: String?

    public init(headers: [LedgerField: String] = [:], sheet: String? = nil) {
        self.headers = headers
        self.sheet = sheet
    }

    /// A mapping file: one `字段=表头` a line (`received=收到申请日期`; the field by its name in ``LedgerField`` or
    /// its Chinese name, 「收到申请日期=收文日期」), `sheet=工作表名` for the sheet, blank lines and lines starting with
    /// `#` ignored. Every line not understood is reported with its line number.
    public init(fileText: String) throws(LedgerErrors) {
        self.init()
        var problems: [LedgerProblem] = []
        var text = Substring(fileText)
        if text.first == "\u{FEFF}" { text = text.dropFirst() }
        for (offset, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let number = offset + 1
            guard let equals = line.firstIndex(where: { $0 == "=" || $0 == "＝" }) else {
                problems.append(LedgerProblem(message: "映射文件第\(number)行「\(line)」应写成「字段=表头」，如 received=收到申请日期。"))
                continue
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else {
                problems.append(LedgerProblem(message: "映射文件第\(number)行「\(line)」的表头为空。"))
                continue
            }
            if key == "sheet" || key == "工作表" {
                sheet = value
                continue
            }
            guard let field = LedgerField(rawValue: key) ?? LedgerField.allCases.first(where: { $0.chinese == key })
            else {
                let names = LedgerField.allCases.map { "\($0.rawValue)（\($0.chinese)）" }.joined(separator: "、")
                problems.append(LedgerProblem(message: "映射文件第\(number)行的字段「\(key)」无法识别；可用的字段：\(names)。"))
                continue
            }
            headers[field] = value
        }
        if !problems.isEmpty { throw LedgerErrors(problems) }
    }

    /// A mapping file's bytes, in UTF-8 or GBK.
    public init(fileBytes: Data) throws(LedgerErrors) {
        let text: String
        do {
            text = try TextDecoder.decode(fileBytes).text
        } catch .empty {
            text = ""
        } catch {
            throw LedgerErrors("无法读取映射文件：\(error.description)")
        }
        try self.init(fileText: text)
    }

    /// The column of each field in the header row `header` (Excel's row `rowNumber`): the headers named here first,
    /// the rest recognised. A named header missing, or a required field without a column, is reported; the latter as
    /// one problem naming the headers the row has.
    public func columns(header: [String], rowNumber: Int) throws(LedgerErrors) -> [LedgerField: Int] {
        var problems: [LedgerProblem] = []
        var found: [LedgerField: Int] = [:]
        let normalized = header.map(LedgerField.normalizedHeader)
        for field in LedgerField.allCases {
            guard let wanted = headers[field] else { continue }
            let key = LedgerField.normalizedHeader(wanted)
            let exact = header.indices.first { header[$0].trimmingCharacters(in: .whitespacesAndNewlines) == wanted }
            if let column = exact ?? normalized.indices.first(where: { normalized[$0] == key }) {
                found[field] = column
            } else {
                problems.append(
                    LedgerProblem(
                        row: rowNumber,
                        message: "映射指定「\(field.chinese)」在「\(wanted)」列，但表头行中没有这一列；表头行的列为："
                            + Self.listed(header) + "。"
                    )
                )
            }
        }
        let rest = LedgerField.allCases.filter { found[$0] == nil && headers[$0] == nil }
        found.merge(LedgerField.recognise(header, fields: rest, taken: Set(found.values))) { first, _ in first }
        let missing = LedgerField.required.filter { found[$0] == nil }
        if !missing.isEmpty {
            let fields = missing.map { "「\($0.chinese)」（可用表头如 \($0.synonyms.prefix(4).joined(separator: "、"))）" }
            let example = missing.first.map { "\($0.rawValue)=台账中的表头" } ?? ""
            problems.append(
                LedgerProblem(
                    row: rowNumber,
                    message: "台账中找不到必填项 \(fields.joined(separator: "；")) 的列。表头行的列为："
                        + Self.listed(header) + "。请在映射文件中写明，如 \(example)。"
                )
            )
        }
        if !problems.isEmpty { throw LedgerErrors(problems) }
        return found
    }

    static func listed(_ header: [String]) -> String {
        let names = header.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        return names.isEmpty ? "（无）" : names.map { "「\($0)」" }.joined(separator: "")
    }
}
