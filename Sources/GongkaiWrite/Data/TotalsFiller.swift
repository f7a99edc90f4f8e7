public import GongkaiModel

/// Fills in what the arithmetic of the format determines, so that a clerk enters only the detail cells:
/// every row's 总计 (R2, R7), 表三's （七）总计 row (R3), and 「四、结转下年度继续办理」 from the 勾稽 identity (R1)
/// where it was left empty. A sum too large for an integer is left unfilled (its cells are R5 errors).
public enum TotalsFiller {
    public static func fill(_ report: inout AnnualReport) {
        let template = report.template ?? .v2021
        let spec = NationalTemplates.spec(template)
        func value(_ id: FigureID) -> Int? { report.figures[id]?.value.integer }
        func set(_ id: FigureID, _ number: Int) {
            // The cell stays where it was, so that a finding about it points at the place to edit.
            let location = report.figures[id]?.location
            report.figures[id] = Figure(id: id, value: .integer(number), printed: String(number), location: location)
        }
        func isEmpty(_ id: FigureID) -> Bool {
            switch report.figures[id]?.value {
            case nil, .blank: true
            default: false
            }
        }

        let three = spec.table(.three)
        // （七）总计: the sum of every outcome row, column by column.
        let outcomeKeys = NationalTemplates.outcomeRowKeys(template)
        if let totalRow = three.row("total") {
            for (index, id) in totalRow.figureIDs.enumerated().dropLast() {
                let parts = outcomeKeys.compactMap { three.row($0)?.figureIDs[index] }.map(value)
                if parts.allSatisfy({ $0 != nil }), let sum = parts.compactMap({ $0 }).checkedSum { set(id, sum) }
            }
        }
        // 结转下年度 = 新收 + 上年结转 − （七）总计, where left empty.
        if let forward = three.row("carried_forward"), let received = three.row("received"),
            let carried = three.row("carried_over"), let total = three.row("total")
        {
            for index in forward.figureIDs.indices.dropLast() where isEmpty(forward.figureIDs[index]) {
                if let a = value(received.figureIDs[index]), let b = value(carried.figureIDs[index]),
                    let c = value(total.figureIDs[index])
                {
                    let (sum, sumOverflows) = a.addingReportingOverflow(b)
                    let (rest, restOverflows) = sum.subtractingReportingOverflow(c)
                    if !sumOverflows, !restOverflows, rest >= 0 { set(forward.figureIDs[index], rest) }
                }
            }
        }
        // 总计 of every 表三 row (R2) and of every 表四 group (R7): the sum of the columns before it.
        for table in [three, spec.table(.four)] {
            for row in table.rows {
                guard let totalID = row.figureIDs.last else { continue }
                let parts = row.figureIDs.dropLast().map(value)
                if parts.allSatisfy({ $0 != nil }), let sum = parts.compactMap({ $0 }).checkedSum { set(totalID, sum) }
            }
        }
    }
}
