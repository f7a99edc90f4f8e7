/// A list of wrong or sensitive expressions (错敏词) with their correct forms: the built-in list of common mistakes in
/// official writing, to which an administrator's list adds entries or waives them.
///
/// The file is UTF-8 text, one entry a line, fields separated by tabs; lines starting with # and blank lines are
/// skipped:
///
///     错误写法  正确写法  类别  依据  [级别]  [条件]  [例外]
///
/// 级别 is 错误 (the default) or 提示; 条件 is empty or 后接日期 (the wrong form is wrong only before a date or a time
/// word: 截止2024年底, not 截止日期); 例外 lists, separated by 、, longer expressions holding the wrong form that are
/// right (原国家工商行政管理总局, 文化部门). A user's line whose correct form is `-` waives the entry with that wrong form.
public struct WordList: Sendable, Hashable {
    public static func == (lhs: WordList, rhs: WordList) -> Bool {
        lhs.entries == rhs.entries && lhs.waived == rhs.waived && lhs.includesFormatRules == rhs.includesFormatRules
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(entries)
        hasher.combine(waived)
        hasher.combine(includesFormatRules)
    }

    public struct Entry: Sendable, Hashable, Codable {
        public var wrong: String
        public var correct: String
        public var category: String
        public var basis: String
        public var severity: ScreeningSeverity
        /// The wrong form is wrong only when a date or a time word follows it.
        public var beforeDateOnly: Bool
        /// Longer expressions holding the wrong form that are right.
        public var exceptions: [String]

        public init(
            wrong: String,
            correct: String,
            category: String,
            basis: String,
            severity: ScreeningSeverity = .error,
            beforeDateOnly: Bool = false,
            exceptions: [String] = []
        ) {
            self.wrong = wrong
            self.correct = correct
            self.category = category
            self.basis = basis
            self.severity = severity
            self.beforeDateOnly = beforeDateOnly
            self.exceptions = exceptions
        }
    }

    /// A line of a list file that cannot be used.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "第\(line)行：\(reason)" }
    }

    public private(set) var entries: [Entry] {
        didSet { matcher = WordMatcher(entries) }
    }
    /// The entries compiled for matching, built once per list.
    private(set) var matcher: WordMatcher
    /// Wrong forms waived by a user list (kept so that a later list cannot bring them back by accident).
    public private(set) var waived: Set<String> = []
    /// Whether the rules of official document format built into the code run too (发文字号's 〔〕): true for the
    /// built-in list and lists added to it.
    public var includesFormatRules = false

    public init(entries: [Entry], includesFormatRules: Bool = false) {
        self.entries = entries
        self.includesFormatRules = includesFormatRules
        matcher = WordMatcher(entries)
    }

    /// The list built into Gongkai: `Data/screening/words.tsv`, documented with its sources in Docs/screening.md.
    public static let builtIn: WordList = {
        do {
            var list = try WordList(parsing: WordListData.words)
            list.includesFormatRules = true
            return list
        } catch {
            preconditionFailure("the built-in word list does not parse: \(error)")
        }
    }()

    /// The text of the built-in list, as `Data/screening/words.tsv` holds it.
    public static var builtInText: String { WordListData.words }

    /// An empty list: screening for personal data only.
    public static let none = WordList(entries: [])

    /// Reads a list file's text.
    public init(parsing text: String) throws(ParseError) {
        var entries: [Entry] = []
        var waived: Set<String> = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                String($0).trimmingSpaces
            }
            let number = index + 1
            guard fields.count >= 2, !fields[0].isEmpty else {
                throw ParseError(line: number, reason: "应至少有「错误写法」和「正确写法」两栏，以制表符分隔。")
            }
            if fields[1] == "-" {
                waived.insert(fields[0])
                continue
            }
            guard fields.count >= 4, !fields[1].isEmpty, !fields[2].isEmpty, !fields[3].isEmpty else {
                throw ParseError(line: number, reason: "应有「错误写法、正确写法、类别、依据」四栏，以制表符分隔。")
            }
            let severity: ScreeningSeverity
            switch fields.count > 4 ? fields[4] : "" {
            case "", "错误": severity = .error
            case "提示": severity = .notice
            case let other: throw ParseError(line: number, reason: "级别「\(other)」无法识别，应为「错误」或「提示」。")
            }
            let condition = fields.count > 5 ? fields[5] : ""
            guard condition.isEmpty || condition == "后接日期" else {
                throw ParseError(line: number, reason: "条件「\(condition)」无法识别，应为空或「后接日期」。")
            }
            let exceptions = fields.count > 6 ? fields[6].split(separator: "、").map(String.init) : []
            for exception in exceptions where !exception.contains(fields[0]) {
                throw ParseError(line: number, reason: "例外「\(exception)」应包含错误写法「\(fields[0])」。")
            }
            entries.append(
                Entry(
                    wrong: fields[0],
                    correct: fields[1],
                    category: fields[2],
                    basis: fields[3],
                    severity: severity,
                    beforeDateOnly: condition == "后接日期",
                    exceptions: exceptions
                )
            )
        }
        self.entries = entries.filter { !waived.contains($0.wrong) }
        self.waived = waived
        matcher = WordMatcher(self.entries)
    }

    /// This list with a user's list applied: its entries added (replacing an entry with the same wrong form) and its
    /// waivers removing entries.
    public func adding(_ other: WordList) -> WordList {
        var result = self
        let replaced = Set(other.entries.map(\.wrong)).union(other.waived)
        result.entries.removeAll { replaced.contains($0.wrong) }
        result.entries += other.entries
        result.waived.formUnion(other.waived)
        return result
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\u{3000}" || first == "\u{FEFF}" {
            scalars.removeFirst()
        }
        while let last = scalars.last, last == " " || last == "\u{3000}" { scalars.removeLast() }
        return String(scalars)
    }
}

/// A list's wrong forms compiled for matching: their scalars in one pool, grouped by first scalar (longest first),
/// with a bitmap of the first scalars of the Basic Multilingual Plane so that most of a text is passed over at once.
final class WordMatcher: Sendable {
    let entries: [WordList.Entry]
    /// Every wrong form's scalars, one after another; entry `i`'s are `pool[starts[i]..<starts[i] + counts[i]]`.
    let pool: [Unicode.Scalar]
    let starts: [Int]
    let counts: [Int]
    /// Each entry's exceptions with the offset of the wrong form inside them.
    let exceptions: [[(scalars: [Unicode.Scalar], offset: Int)]]
    /// The distinct first scalars, sorted, and for each the entries starting with it, longest first.
    let firsts: [UInt32]
    let groups: [[Int]]
    let firstBits: [UInt64]

    init(_ entries: [WordList.Entry]) {
        self.entries = entries
        var pool: [Unicode.Scalar] = []
        var starts: [Int] = []
        var counts: [Int] = []
        var exceptions: [[(scalars: [Unicode.Scalar], offset: Int)]] = []
        var bits = [UInt64](repeating: 0, count: 1024)
        for entry in entries {
            let wrong = Array(ScreenText.foldAll(entry.wrong).unicodeScalars)
            starts.append(pool.count)
            counts.append(wrong.count)
            pool += wrong
            var found: [(scalars: [Unicode.Scalar], offset: Int)] = []
            for exception in entry.exceptions {
                let scalars = Array(ScreenText.foldAll(exception).unicodeScalars)
                var offset = 0
                while offset + wrong.count <= scalars.count {
                    if Array(scalars[offset..<(offset + wrong.count)]) == wrong { found.append((scalars, offset)) }
                    offset += 1
                }
            }
            exceptions.append(found)
            if let first = wrong.first, first.value < 0x10000 {
                bits[Int(first.value >> 6)] |= 1 << UInt64(first.value & 63)
            }
        }
        let order = entries.indices.filter { counts[$0] > 0 }.sorted {
            let (a, b) = (pool[starts[$0]].value, pool[starts[$1]].value)
            return a != b ? a < b : counts[$0] > counts[$1]
        }
        var firsts: [UInt32] = []
        var groups: [[Int]] = []
        for index in order {
            let first = pool[starts[index]].value
            if firsts.last != first {
                firsts.append(first)
                groups.append([])
            }
            groups[groups.count - 1].append(index)
        }
        self.pool = pool
        self.starts = starts
        self.counts = counts
        self.exceptions = exceptions
        self.firsts = firsts
        self.groups = groups
        firstBits = bits
    }

    /// The entries that start with `scalar`, longest first (an index into `groups`).
    @inline(__always) func group(_ scalar: Unicode.Scalar) -> Int? {
        let value = scalar.value
        if value < 0x10000, firstBits[Int(value >> 6)] & (1 << UInt64(value & 63)) == 0 { return nil }
        var low = 0
        var high = firsts.count
        while low < high {
            let middle = (low + high) / 2
            if firsts[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < firsts.count && firsts[low] == value ? low : nil
    }

    /// Whether entry `entry`'s wrong form stands at `index`.
    @inline(__always) func matches(_ entry: Int, in text: ScreenText, at index: Int) -> Bool {
        let count = counts[entry]
        guard index + count <= text.count else { return false }
        let start = starts[entry]
        for offset in 0..<count where text[index + offset] != pool[start + offset] { return false }
        return true
    }
}

/// Finds a list's wrong forms in a text, longest first, skipping those inside a longer right expression.
struct WordingScanner {
    private let matcher: WordMatcher
    private let formatRules: Bool

    init(_ list: WordList) {
        matcher = list.matcher
        formatRules = list.includesFormatRules
    }

    /// Scalars that may start a date or a time after 截止 (截止2024年, 截止目前, 截止本年度末).
    static let dateStarts = Set("0123456789〇零一二三四五六七八九十今目本上当去昨此年底".unicodeScalars)

    func scan(_ text: ScreenText) -> [ScreeningHit] {
        var hits: [ScreeningHit] = []
        var index = 0
        outer: while index < text.count {
            guard let group = matcher.group(text[index]) else {
                index += 1
                continue
            }
            for candidate in matcher.groups[group] where matcher.matches(candidate, in: text, at: index) {
                let end = index + matcher.counts[candidate]
                let entry = matcher.entries[candidate]
                if entry.beforeDateOnly {
                    guard end < text.count, Self.dateStarts.contains(text[end]) else { continue }
                }
                if matcher.exceptions[candidate].contains(where: { text.matches($0.scalars, at: index - $0.offset) }) {
                    continue
                }
                // A body's former name is right after 原 (原区工商局, 原市环保局).
                if entry.category == "机构名称", (max(0, index - 3)..<index).contains(where: { text[$0] == "原" }) {
                    continue
                }
                let (line, column) = text.position(of: index)
                hits.append(
                    ScreeningHit(
                        kind: .wording,
                        severity: entry.severity,
                        utf8Start: text.offsets[index],
                        utf8End: text.offsets[end],
                        line: line,
                        column: column,
                        text: text.original(index, end),
                        message: "「\(entry.wrong)」应为「\(entry.correct)」（\(entry.category)）。",
                        suggestion: entry.correct,
                        category: entry.category,
                        basis: entry.basis
                    )
                )
                index = end
                continue outer
            }
            index += 1
        }
        if formatRules { hits += Self.documentNumberBrackets(text) }
        return hits
    }

    /// 发文字号 whose year is in square or round brackets (苏政办发[2024]12号, 【2024】, （2024）, ﹝2024﹞): GB/T
    /// 9704-2012 §7.2.4 puts the year in 六角括号 〔〕.
    static func documentNumberBrackets(_ text: ScreenText) -> [ScreeningHit] {
        let opening: [Unicode.Scalar: Unicode.Scalar] = ["[": "]", "【": "】", "(": ")", "（": "）", "﹝": "﹞", "〖": "〗"]
        var hits: [ScreeningHit] = []
        for index in 1..<max(1, text.count) {
            let scalar = text[index]
            switch scalar {
            case "[", "【", "(", "（", "﹝", "〖": break
            default: continue
            }
            guard let close = opening[scalar], text.isHan(index - 1) else { continue }
            let yearEnd = index + 5
            guard yearEnd + 2 < text.count, (index + 1..<yearEnd).allSatisfy({ text.isDigit($0) }),
                text[yearEnd] == close, text.isDigit(yearEnd + 1)
            else { continue }
            let year = Int(text.string(index + 1, yearEnd)) ?? 0
            guard (1949...2100).contains(year) else { continue }
            var end = yearEnd + 1
            while text.isDigit(end), end - yearEnd < 6 { end += 1 }
            guard end < text.count, text[end] == "号" else { continue }
            let start = index
            var issuer = index
            while issuer > 0, index - issuer < 6, text.isHan(issuer - 1) { issuer -= 1 }
            let fixed = "〔\(year)〕"
            let whole = text.string(issuer, index) + fixed + text.string(yearEnd + 1, end + 1)
            let (line, column) = text.position(of: start)
            hits.append(
                ScreeningHit(
                    kind: .wording,
                    severity: .error,
                    utf8Start: text.offsets[start],
                    utf8End: text.offsets[yearEnd + 1],
                    line: line,
                    column: column,
                    text: text.original(start, yearEnd + 1),
                    message: "发文字号的年份应用六角括号「〔〕」括入，写作「\(whole)」（公文格式）。",
                    suggestion: fixed,
                    category: "公文格式",
                    basis: "GB/T 9704-2012《党政机关公文格式》7.2.4"
                )
            )
        }
        return hits
    }
}

extension ScreenText {
    /// A whole string folded as the screened text is.
    static func foldAll(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: text.unicodeScalars.map(fold))
        return result
    }
}
