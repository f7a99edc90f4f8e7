import GongkaiModel

/// The arithmetic that ties the tables together: R1 勾稽, R2 row totals, R3 outcome sums, R7 表四 totals, R11 (2019
/// 表二). A rule is applied only where every cell it needs holds a number, and only where its sums fit in an integer
/// (cells that large are R5 errors of their own).
enum ArithmeticRules {
    static func check(_ report: AnnualReport) -> [Finding] {
        let spec = report.spec
        let names = CellNames(spec: spec)
        var findings: [Finding] = []
        let table3 = spec.table(.three)
        let columns = NationalTemplates.applicantColumns
        let table3IDs = Table3IDs.of(spec.template)
        func int(_ id: FigureID) -> Int? { report[id]?.integer }
        func ref(_ id: FigureID) -> Finding.FigureRef { Finding.FigureRef(id: id, value: report[id] ?? .unknown) }
        func location(_ id: FigureID) -> SourceLocation? { report.figures[id]?.location }
        /// The cells' integers, or nil unless every one holds one; kept in one array reused from row to row.
        var buffer: [Int] = []
        buffer.reserveCapacity(16)
        func integers(_ ids: [FigureID]) -> [Int]? {
            buffer.removeAll(keepingCapacity: true)
            for id in ids {
                guard let value = int(id) else { return nil }
                buffer.append(value)
            }
            return buffer
        }

        // R2: 总计 = the six applicant columns, on every printed row. A blank applicant cell (R5 reports it) counts
        // as 0 here, so that a wrong 总计 is not hidden until the blank is filled; a cell not read keeps the row out.
        for row in [table3.rows, table3.variantRows].joined() {
            let ids = row.figureIDs
            guard let total = int(ids[6]) else { continue }
            var parts: [Int] = []
            var blanks = 0
            for id in ids.prefix(6) {
                switch report[id] {
                case .blank?:
                    parts.append(0)
                    blanks += 1
                case let value?:
                    if let integer = value.integer { parts.append(integer) }
                default:
                    break
                }
            }
            guard parts.count == 6, let sum = parts.checkedSum, sum != total else { continue }
            let named = zip(columns, parts).filter { $0.1 != 0 }.map { "\($0.0.label)\($0.1)" }
            findings.append(
                Finding(
                    code: "R2",
                    severity: .error,
                    table: .three,
                    figures: ids.map(ref),
                    message: "\(names.row(row))：总计为\(total)，但自然人至其他六类申请人合计为\(sum)"
                        + (named.isEmpty ? "" : "（\(named.joined(separator: "、"))）")
                        + (blanks > 0 ? "（空白单元格按0计）。" : "。"),
                    location: location(ids[6])
                )
            )
        }

        // R1: 一 + 二 = （七）总计 + 四, per column.
        for (column, ids) in zip(columns, table3IDs.balance) {
            guard let values = integers(ids), let before = values[0..<2].checkedSum,
                let after = values[2..<4].checkedSum, before != after
            else { continue }
            findings.append(
                Finding(
                    code: "R1",
                    severity: .error,
                    table: .three,
                    figures: ids.map(ref),
                    message: "表三「\(column.label)」列勾稽关系不成立：一（本年新收\(values[0])）加二（上年结转\(values[1])）"
                        + "等于\(before)，而三（七）总计\(values[2])加四（结转下年度\(values[3])）"
                        + "等于\(after)。",
                    location: location(ids[2])
                )
            )
        }

        // R3: （七）总计 = the sum of every outcome row, per column.
        let singleOther =
            spec.template == .v2021 && report[FigureID("t3.other.natural")] != nil
            && report[FigureID("t3.other.no_amendment.natural")] == nil
        let outcomesByColumn = singleOther ? table3IDs.outcomesWithSingleOther : table3IDs.outcomes
        for (column, (totalID, outcomeIDs)) in zip(columns, zip(table3IDs.totals, outcomesByColumn)) {
            guard let total = int(totalID) else { continue }
            guard let outcomes = integers(outcomeIDs), let sum = outcomes.checkedSum, sum != total else { continue }
            findings.append(
                Finding(
                    code: "R3",
                    severity: .error,
                    table: .three,
                    figures: [ref(totalID)] + outcomeIDs.filter { int($0) != 0 }.map(ref),
                    message: "表三「\(column.label)」列：三（七）总计为\(total)，但（一）至（六）各项办理结果合计为\(sum)。",
                    location: location(totalID)
                )
            )
        }

        // R7: 表四 总计 = 维持 + 纠正 + 其他 + 尚未审结, per group.
        for row in spec.table(.four).rows {
            let ids = row.figureIDs
            guard let values = integers(ids), values.count == 5, let sum = values[0..<4].checkedSum, sum != values[4]
            else { continue }
            findings.append(
                Finding(
                    code: "R7",
                    severity: .error,
                    table: .four,
                    figures: ids.map(ref),
                    message: "\(names.row(row))：总计为\(values[4])，但结果维持\(values[0])、结果纠正\(values[1])、"
                        + "其他结果\(values[2])、尚未审结\(values[3])合计为\(sum)。",
                    location: location(ids[4])
                )
            )
        }

        // R11: 2019 表二（一）: published ≤ total; made documents must also be published.
        if spec.template == .v2019 {
            for key in ["rules", "normative"] {
                guard let row = spec.table(.two).row(key) else { continue }
                let ids = row.figureIDs
                guard let made = int(ids[0]), let published = int(ids[1]), let total = int(ids[2]) else { continue }
                if published > total {
                    findings.append(
                        Finding(
                            code: "R11",
                            severity: .error,
                            table: .two,
                            figures: ids.map(ref),
                            message: "\(names.row(row))：本年新公开数量\(published)大于对外公开总数量\(total)。",
                            location: location(ids[1])
                        )
                    )
                }
                if made > published {
                    findings.append(
                        Finding(
                            code: "R11",
                            severity: .warning,
                            table: .two,
                            figures: ids.map(ref),
                            message: "\(names.row(row))：本年新制作\(made)件，但本年新公开只有\(published)件；"
                                + "\(row.name)制作后应当主动公开，请核实。",
                            location: location(ids[0])
                        )
                    )
                }
            }
        }
        return findings
    }

    /// The 表三 ids R1 and R3 read, column by column, made once per template rather than once per report.
    struct Table3IDs: Sendable {
        /// 一、本年新收, 二、上年结转, （七）总计 and 四、结转下年度 of each column.
        let balance: [[FigureID]]
        /// （七）总计 of each column.
        let totals: [FigureID]
        /// The outcome rows of each column, in the format's order.
        let outcomes: [[FigureID]]
        /// The same with the three （六） rows of the 2021 format replaced by a single 「（六）其他处理」 row.
        let outcomesWithSingleOther: [[FigureID]]

        init(_ template: ReportTemplate) {
            let columns = NationalTemplates.applicantColumns
            func ids(_ rows: [String]) -> [[FigureID]] {
                columns.map { column in rows.map { FigureID("t3.\($0).\(column.key)") } }
            }
            let outcomeKeys = NationalTemplates.outcomeRowKeys(template)
            balance = ids(["received", "carried_over", "total", "carried_forward"])
            totals = ids(["total"]).map { $0[0] }
            outcomes = ids(outcomeKeys)
            outcomesWithSingleOther = ids(outcomeKeys.filter { !$0.hasPrefix("other.") } + ["other"])
        }

        static func of(_ template: ReportTemplate) -> Table3IDs { template == .v2021 ? v2021 : v2019 }

        private static let v2021 = Table3IDs(.v2021)
        private static let v2019 = Table3IDs(.v2019)
    }
}
