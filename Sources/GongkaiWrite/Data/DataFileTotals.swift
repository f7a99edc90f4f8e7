public import GongkaiModel

/// The totals ``TotalsFiller`` computes, written back into the data file they came from: each value replaced where
/// its key stands, a key the file lacks added after the figure before it, and every other byte (comments, order,
/// blank lines) left as it was.
public enum DataFileTotals {
    /// One total written: the key, its line in the edited file, what the file held (`nil` when the key was absent)
    /// and the value written.
    public struct Change: Sendable, Equatable {
        public var id: FigureID
        public var line: Int
        public var old: String?
        public var new: String
    }

    /// Why the totals could not be written.
    public enum WriteError: Error, Sendable, Equatable, CustomStringConvertible {
        /// A JSON file lacks keys: adding a key to JSON means editing its commas, which is left to the clerk.
        case missingJSONKeys([FigureID])

        public var description: String {
            switch self {
            case .missingJSONKeys(let ids):
                "JSON 数据文件中没有这些总计的键，无法自动写入："
                    + ids.map(\.rawValue).joined(separator: "、") + "。请先在 figures 中加上它们（值填0），再运行。"
            }
        }
    }

    /// The data file's text with every total of `report` (read from that text) filled in, and the changes made.
    public static func write(
        into text: String,
        report: AnnualReport
    ) throws(WriteError) -> (
        text: String, changes: [Change]
    ) {
        var filled = report
        TotalsFiller.fill(&filled)
        let template = report.template ?? .v2021
        let order = NationalTemplates.spec(template).figureIDs
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let isJSON = text.first { !$0.isWhitespace } == "{" || text.first { !$0.isWhitespace } == "["

        var replaced: [(id: FigureID, line: Int, column: Int, old: String, new: String)] = []
        var added: [(id: FigureID, after: Int, new: String)] = []
        var missing: [FigureID] = []
        var lastLine: Int?
        for id in order {
            let before = report.figures[id]
            let location = before?.location
            defer { if let line = location?.line { lastLine = line } }
            guard let after = filled.figures[id], after.value != before?.value else { continue }
            if let line = location?.line, let column = location?.column, line >= 1, line <= lines.count,
                replacingValue(in: lines[line - 1], keyColumn: column, with: after.value.text) != nil
            {
                replaced.append((id, line, column, before?.printed ?? "", after.value.text))
            } else if isJSON {
                missing.append(id)
            } else if let lastLine {
                added.append((id, lastLine, after.value.text))
            } else {
                missing.append(id)
            }
        }
        if isJSON, !missing.isEmpty { throw .missingJSONKeys(missing) }
        // Values replaced from the right, so that a line holding several keys (JSON on one line) keeps the columns
        // of those still to replace.
        for edit in replaced.sorted(by: { ($0.line, $1.column) < ($1.line, $0.column) }) {
            if let edited = replacingValue(in: lines[edit.line - 1], keyColumn: edit.column, with: edit.new) {
                lines[edit.line - 1] = edited
            }
        }

        // Keys the file lacks, added from the bottom up so that the lines above keep their numbers.
        var changes = replaced.map { Change(id: $0.id, line: $0.line, old: $0.old, new: $0.new) }
        var insertedAfter: [Int: Int] = [:]
        for addition in added.reversed() {
            let anchor = lines[addition.after - 1]
            let indent = anchor.prefix { $0 == " " || $0 == "\t" }
            let label = labelComment(addition.id, template: template)
            lines.insert("\(indent)\(addition.id.rawValue): \(addition.new)\(label)", at: addition.after)
            insertedAfter[addition.after, default: 0] += 1
        }
        // Line numbers after the insertions: each added line moves the lines below it down.
        let anchors = insertedAfter.keys.sorted()
        func shifted(_ line: Int) -> Int {
            line + anchors.filter { $0 < line }.reduce(0) { $0 + insertedAfter[$1, default: 0] }
        }
        changes = changes.map { Change(id: $0.id, line: shifted($0.line), old: $0.old, new: $0.new) }
        var offsets: [Int: Int] = [:]
        for addition in added {
            offsets[addition.after, default: 0] += 1
            let line = shifted(addition.after) + offsets[addition.after, default: 0]
            changes.append(Change(id: addition.id, line: line, old: nil, new: addition.new))
        }
        return (lines.joined(separator: "\n"), changes.sorted { $0.line < $1.line })
    }

    /// `  # 一、本年新收政府信息公开申请数量 — 总计`, as `gongkai new` writes beside each figure.
    static func labelComment(_ id: FigureID, template: ReportTemplate) -> String {
        guard let (row, column) = NationalTemplates.spec(template).cell(id) else { return "" }
        return "  # \(id.rawValue.hasPrefix("t4.") ? row.fullLabel : row.label) — \(column.label)"
    }

    /// The line with the value after the key at `keyColumn` (1-based, in characters) replaced: the text after the
    /// key's colon, up to a comment (` #`) or, in JSON, a comma. Nil when no colon follows the key.
    static func replacingValue(in line: String, keyColumn: Int, with value: String) -> String? {
        let characters = Array(line.unicodeScalars)
        guard keyColumn >= 1, keyColumn <= characters.count else { return nil }
        var index = keyColumn - 1
        // The key: quoted (JSON, or YAML written with quotes) or plain up to the colon.
        if characters[index] == "\"" || characters[index] == "'" {
            let quote = characters[index]
            index += 1
            while index < characters.count, characters[index] != quote { index += 1 }
            index += 1
        }
        while index < characters.count, characters[index] != ":" { index += 1 }
        guard index < characters.count else { return nil }
        index += 1
        while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
        let start = index
        if index < characters.count, characters[index] == "\"" || characters[index] == "'" {
            let quote = characters[index]
            index += 1
            while index < characters.count, characters[index] != quote { index += 1 }
            index = min(index + 1, characters.count)
        } else {
            while index < characters.count, characters[index] != ",", characters[index] != "}",
                !(characters[index] == "#" && index > start && characters[index - 1] == " ")
            {
                index += 1
            }
            // Spaces before a comment stay with the comment.
            while index > start, characters[index - 1] == " " || characters[index - 1] == "\t" { index -= 1 }
        }
        let head = ScalarText.string(characters[..<start])
        let tail = ScalarText.string(characters[index...])
        // `key:` with nothing after it gets a space before the value.
        let separator = start == characters.count && characters.last == ":" ? " " : ""
        return head + separator + value + tail
    }
}
