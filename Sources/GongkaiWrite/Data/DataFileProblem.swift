import GongkaiModel
import Yams

extension ReportDataFile {
    /// One thing wrong with a data file, with the line it is on (1-based) where there is one.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: Sendable, Equatable {
            /// The file is not YAML (or JSON) at all; the text says why, in Chinese.
            case syntax(String)
            case notAMapping
            case missing(String)
            case invalid(field: String, value: String, expected: String)
            case unknownFigure(String)
            /// A list or a mapping where a single value belongs (`t3.received.natural: [1, 2]`, `figures:` as a list).
            case wrongShape(field: String, found: String, expected: String)
            /// The same key twice in one mapping: which of the two values is meant cannot be told.
            case duplicate(String, firstLine: Int?)
        }

        public var kind: Kind
        public var line: Int?

        public init(_ kind: Kind, line: Int? = nil) {
            self.kind = kind
            self.line = line
        }

        /// What is wrong, as one sentence (without the file and line).
        public var description: String {
            switch kind {
            case .syntax(let detail):
                "数据文件不是有效的 YAML 或 JSON：\(detail)"
            case .notAMapping:
                "数据文件的最外层应是「字段: 值」的映射（如 agency: …、year: …、figures: …）。"
            case .missing(let field):
                "数据文件缺少「\(field)」。"
            case .invalid(let field, let value, let expected):
                "「\(field)」的值「\(value)」无效，应为\(expected)。"
            case .unknownFigure(let id):
                "「\(id)」不是所选格式的表格单元格编号"
                    + (ReportDataFile.nearestFigure(to: id).map { "；您是不是要写「\($0)」？" } ?? "。")
                    + "各单元格的编号见 gongkai new 生成的数据文件。"
            case .wrongShape(let field, let found, let expected):
                "「\(field)」的值是\(found)，应为\(expected)。"
            case .duplicate(let key, let firstLine):
                "「\(key)」写了两次\(firstLine.map { "（第一次在第\($0)行）" } ?? "")；只能保留一处，否则无法确定用哪个值。"
            }
        }
    }

    /// Why a data file could not be used: every problem found in it, in the order of the file.
    public struct LoadError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The file's name as the user gave it.
        public var file: String
        public var problems: [Problem]

        public init(file: String, problems: [Problem]) {
            self.file = file
            self.problems = problems
        }

        init(file: String, _ kind: Problem.Kind, line: Int? = nil) {
            self.init(file: file, problems: [Problem(kind, line: line)])
        }

        public var kinds: [Problem.Kind] { problems.map(\.kind) }

        /// One problem without a line as its sentence; otherwise a count, then each problem as `file:line: …` on a
        /// line of its own, the way compilers list errors.
        public var description: String {
            if problems.count == 1, problems[0].line == nil { return problems[0].description }
            let heading = problems.count == 1 ? "数据文件有错误，请改正：" : "数据文件有 \(problems.count) 处错误，请逐一改正："
            return
                ([heading]
                + problems.map { problem in
                    (problem.line.map { "\(file):\($0): " } ?? "\(file): ") + problem.description
                }).joined(separator: "\n")
        }
    }

    /// A YAML library error as a problem in Chinese at its line. The library's own words are not shown: the common
    /// mistakes (a tab, a quote left open, a colon inside text, a key out of line) each get a sentence of their own.
    static func syntaxProblems(_ error: any Error, text: String) -> [Problem] {
        guard let yamlError = error as? YamlError else {
            return [Problem(.syntax("无法解析（请检查缩进、冒号和引号）。"))]
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if case .duplicatedKeysInMapping(let duplicates, let context) = yamlError {
            return duplicates.sorted().map { key in
                // The lines that start with the key, at or after the mapping the library names.
                let places = lines.indices.filter { index in
                    index + 1 >= context.mark.line
                        && lines[index].trimmingSpacesAndTabs.hasPrefix(key)
                        && lines[index].trimmingSpacesAndTabs.dropFirst(key.count).trimmingSpacesAndTabs.hasPrefix(":")
                }.map { $0 + 1 }
                return Problem(
                    .duplicate(key, firstLine: places.count >= 2 ? places[0] : nil),
                    line: places.count >= 2 ? places[1] : context.mark.line
                )
            }
        }
        let problem: String
        let context: YamlError.Context?
        let mark: Mark
        switch yamlError {
        case .scanner(let c, let p, let m, _), .parser(let c, let p, let m, _), .composer(let c, let p, let m, _):
            (context, problem, mark) = (c, p, m)
        case .reader, .dataCouldNotBeDecoded:
            return [Problem(.syntax("文件含有无法识别的字符；请用 UTF-8 编码保存。"))]
        default:
            return [Problem(.syntax("无法解析（请检查缩进、冒号和引号）。"))]
        }
        let lineText = mark.line >= 1 && mark.line <= lines.count ? lines[mark.line - 1] : ""
        let detail: String
        var line = mark.line
        if problem.contains("tab") || (problem.contains("cannot start any token") && lineText.contains("\t")) {
            detail = "这一行有制表符（Tab）；YAML 只能用空格缩进和分隔，请把 Tab 换成空格。"
        } else if problem.contains("end of stream"), context?.text.contains("quoted") == true {
            line = context?.mark.line ?? line
            detail = "这一行开始的引号没有配对的结束引号；请补上。"
        } else if problem.contains("mapping values are not allowed") {
            detail = "这一行的冒号「:」不能出现在这里：文字中含有「: 」时请用引号把整段文字括起来，或检查这一行的缩进。"
        } else if problem.contains("cannot start any token") {
            detail = "这一行有不能出现在值开头的字符（如 @、` 或 %）；含这类字符的文字请用引号括起来。"
        } else if problem.contains("expected key") || problem.contains("expected ':'")
            || problem.contains("expected '-'") || problem.contains("block end")
        {
            detail = "这一行的缩进与上下文不一致，或键后缺少冒号；同一层的键应左对齐，键和值之间用「: 」（冒号加空格）分隔。"
        } else if problem.contains("expected ',' or ']'") || problem.contains("expected ',' or '}'") {
            detail = "这一行的方括号或花括号没有正确闭合，或缺少逗号。"
        } else {
            detail = "这一行不符合 YAML 格式；请检查缩进、冒号和引号。"
        }
        return [Problem(.syntax(detail), line: line)]
    }
}
