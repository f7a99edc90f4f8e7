public import Foundation
import GongkaiModel

/// Synthetic corpora for tests and benchmarks: many agencies, each with a report for every year of a range, in
/// every text layout real reports arrive in, with figures that agree from year to year (上年结转 = last year's
/// 结转下年度, 现行有效件数 and 2019 项目数量 carried on), and a share of reports with a deliberate error.
///
/// The same seed always gives the same files.
public struct SyntheticCorpus: Sendable {
    public var agencies: Int
    public var years: ClosedRange<Int>
    /// Percent of reports given an error: a 表三 总计 off by one (R2) or a carried-over count that disagrees with
    /// last year's (R6).
    public var errorPercent: Int
    public var seed: UInt64
    /// The agencies' indexes (``agencyName(_:)``), when not the first `agencies`: a corpus of agencies spread over
    /// several cities and districts. Each agency's reports are the same whichever others are written with it.
    public var indexes: [Int]?

    public init(agencies: Int, years: ClosedRange<Int>, errorPercent: Int = 10, seed: UInt64 = 1) {
        self.agencies = agencies
        self.years = years
        self.errorPercent = errorPercent
        self.seed = seed
    }

    /// The agencies of the given indexes.
    public init(indexes: [Int], years: ClosedRange<Int>, errorPercent: Int = 10, seed: UInt64 = 1) {
        self.init(agencies: indexes.count, years: years, errorPercent: errorPercent, seed: seed)
        self.indexes = indexes
    }

    /// The index of the agency with a department, district and city number: 「淮安市」「清清县」「司法局」 are 0, 0, 0.
    public static func agencyIndex(department: Int, district: Int, city: Int) -> Int {
        let syllables = districtSyllables.count
        return department + departments.count * (district + syllables * syllables * city)
    }

    /// One generated file.
    public struct File: Sendable {
        /// Relative path: `<agency index>/<agency>-<year>.txt`.
        public var path: String
        public var agency: String
        public var year: Int
        public var text: String
        /// The deliberate error, if any (`R2`, `R6`).
        public var error: String?
    }

    static let cities = [
        "淮安市", "漳州市", "洛阳市", "包头市", "苏州市", "信阳市", "三门峡市", "南京市", "郑州市", "福州市", "徐州市",
        "开封市", "泉州市", "宿迁市", "盐城市", "扬州市", "镇江市", "常州市", "无锡市", "南通市",
    ]
    static let districtSyllables = Array("清河安平东西南北新城山水和丰泰宁永兴长乐文武江湖")
    static let departments = [
        "司法局", "教育局", "财政局", "人民政府", "市场监督管理局", "生态环境局", "自然资源和规划局", "民政局",
        "卫生健康委员会", "交通运输局", "水利局", "农业农村局", "商务局", "文化广电和旅游局", "应急管理局",
        "退役军人事务局", "医疗保障局", "统计局", "审计局", "人力资源和社会保障局",
    ]

    /// The agency of an index: a city, a district and a department, unique for the first 20 × 676 × 20 indexes.
    public static func agencyName(_ index: Int) -> String {
        let department = departments[index % departments.count]
        let rest = index / departments.count
        let syllables = districtSyllables.count
        let district = rest % (syllables * syllables)
        let city = cities[(rest / (syllables * syllables)) % cities.count]
        let first = districtSyllables[district / syllables]
        let second = districtSyllables[district % syllables]
        let suffix = district % 3 == 0 ? "县" : "区"
        return city + String(first) + String(second) + suffix + department
    }

    /// Every file of the corpus, agency by agency and year by year.
    public func forEachFile(_ body: (File) throws -> Void) rethrows {
        let layouts = ReportTextWriter.Layout.allCases
        for index in indexes ?? Array(0..<agencies) {
            var rng = SplitMix64(seed: seed ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
            let agency = Self.agencyName(index)
            var previous: [FigureID: CellValue]?
            for year in years {
                guard let template = ReportTemplate.required(forYear: year) else { continue }
                var figures = FigureSetGenerator(template: template, magnitude: .mixed(maxDigits: 3)).generate(
                    using: &rng
                )
                if let previous { Self.carryOver(from: previous, into: &figures, template: template) }
                previous = figures
                var printed = figures
                var error: String?
                if rng.int(in: 0...99) < errorPercent {
                    let receivedTotal = FigureID("t3.received.total")
                    let received = printed[FigureID("t3.received.natural")]?.integer ?? 0
                    if year > years.lowerBound, received > 0, rng.chance(50) {
                        // One application moved from 新收 to 上年结转: the report adds up, last year's does not.
                        for (id, change) in [
                            ("t3.received.natural", -1), ("t3.received.total", -1), ("t3.carried_over.natural", 1),
                            ("t3.carried_over.total", 1),
                        ] {
                            printed[FigureID(id)] = .integer((printed[FigureID(id)]?.integer ?? 0) + change)
                        }
                        error = "R6"
                    } else if let value = printed[receivedTotal]?.integer {
                        printed[receivedTotal] = .integer(value + 1)
                        error = "R2"
                    }
                }
                var writer = ReportTextWriter(
                    template: template,
                    agency: agency,
                    year: year,
                    layout: layouts[(index + year) % layouts.count]
                )
                writer.wrapWidth = rng.int(in: 16...20)
                writer.stubWidth = rng.int(in: 3...5)
                let path = "\(index / 1000)/\(agency)-\(year).txt"
                try body(File(path: path, agency: agency, year: year, text: writer.write(printed), error: error))
            }
        }
    }

    /// Writes every file under a folder; returns how many.
    @discardableResult
    public func write(to folder: URL) throws -> Int {
        var count = 0
        var made = Set<String>()
        try forEachFile { file in
            let url = folder.appendingPathComponent(file.path)
            let directory = url.deletingLastPathComponent().path
            if made.insert(directory).inserted {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            try Data(file.text.utf8).write(to: url)
            count += 1
        }
        return count
    }

    /// Makes this year's figures follow last year's: 上年结转 = last year's 结转下年度 (the year's 新收 adjusted so
    /// that the 勾稽 still holds), 现行有效件数 and 2019 上一年项目数量 carried on, and 表四 totals that take up last
    /// year's 尚未审结.
    static func carryOver(
        from previous: [FigureID: CellValue],
        into figures: inout [FigureID: CellValue],
        template: ReportTemplate
    ) {
        func int(_ figures: [FigureID: CellValue], _ id: String) -> Int { figures[FigureID(id)]?.integer ?? 0 }
        let columns = NationalTemplates.applicantColumns.map(\.key).filter { $0 != "total" }
        for column in columns {
            let carried = int(previous, "t3.carried_forward.\(column)")
            let handled = int(figures, "t3.total.\(column)") + int(figures, "t3.carried_forward.\(column)")
            var received = handled - carried
            if received < 0 {
                // More was carried over than is handled this year: carry the rest forward again.
                figures[FigureID("t3.carried_forward.\(column)")] = .integer(
                    int(figures, "t3.carried_forward.\(column)") - received
                )
                received = 0
            }
            figures[FigureID("t3.carried_over.\(column)")] = .integer(carried)
            figures[FigureID("t3.received.\(column)")] = .integer(received)
        }
        for row in ["received", "carried_over", "carried_forward"] {
            figures[FigureID("t3.\(row).total")] = .integer(columns.reduce(0) { $0 + int(figures, "t3.\(row).\($1)") })
        }
        for group in ["review", "suit_direct", "suit_after_review"] {
            let pending = int(previous, "t4.\(group).pending")
            let total = int(figures, "t4.\(group).total")
            if total < pending {
                figures[FigureID("t4.\(group).upheld")] = .integer(int(figures, "t4.\(group).upheld") + pending - total)
                figures[FigureID("t4.\(group).total")] = .integer(pending)
            }
        }
        switch template {
        case .v2021:
            for row in ["rules", "normative"] where previous[FigureID("t2.\(row).in_force")] != nil {
                let last = int(previous, "t2.\(row).in_force")
                let issued = int(figures, "t2.\(row).issued")
                let repealed = min(int(figures, "t2.\(row).repealed"), last + issued)
                figures[FigureID("t2.\(row).repealed")] = .integer(repealed)
                figures[FigureID("t2.\(row).in_force")] = .integer(last + issued - repealed)
            }
        case .v2019:
            for row in ["licensing", "other_services", "penalty", "coercion", "fees"]
            where previous[FigureID("t2.\(row).prior")] != nil {
                let prior = int(previous, "t2.\(row).prior") + int(previous, "t2.\(row).change")
                figures[FigureID("t2.\(row).prior")] = .integer(max(0, prior))
                if prior < 0 { figures[FigureID("t2.\(row).change")] = .integer(0) }
            }
        }
    }
}
