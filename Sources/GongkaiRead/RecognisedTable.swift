import GongkaiModel

/// A table read by OCR from page images keeps each value two independent readers agreed on (the extractor gives a
/// number only then), unless the table's own arithmetic contradicts it.
///
/// The sums are: each 表三 row's 总计 is the sum of its six applicant columns, and in each column 新收 + 结转 =
/// 办理结果总计 + 结转下年度 (R1) and the outcome rows add up to 总计 (R3); each 表四 group's 总计 is the sum of its
/// other four. 表二 prints no sums: its agreed values stand on their own. A sum whose values were all read and do not
/// add up holds a misread value, and which one is not known: every value in it is unknown.
///
/// A value no reader got is not worked out from a sum it alone is missing from: reports print sums that do not add
/// up, and the value so worked out would then not be the one printed.
///
/// An empty cell read from a scan is never taken as printed empty: a faint 0 reads as nothing. A row with any value
/// unknown has the state ``PrintedRow/State/unconfirmedRecognition``.
enum RecognisedTable {
    /// One sum of a table: the figures (by index) on each side of it, whose totals are equal.
    struct Sum: Equatable {
        var parts: [Int]
        var total: [Int]

        var members: [Int] { parts + total }
    }

    static func confirmed(_ reading: TableReading, template: ReportTemplate) -> TableReading {
        var result = reading
        // Only numbers are taken; an empty cell read from a scan is unknown.
        var values: [Int?] = reading.figures.map(\.value.integer)
        let sums = sums(reading, template: template)
        // Sums whose every value was read and that do not add up: each of their values is in doubt.
        var doubtful = Set<Int>()
        for sum in sums where !holds(sum, values) { doubtful.formUnion(sum.members) }
        for index in doubtful { values[index] = nil }
        for index in result.figures.indices {
            if case .decimal = reading.figures[index].value, sums.allSatisfy({ !$0.members.contains(index) }) {
                // An amount (表二's 收费金额, in 万元) is in no sum: it stands as both readers read it.
                continue
            } else if let value = values[index] {
                result.figures[index].value = .integer(value)
            } else {
                result.figures[index].value = .unknown
            }
        }
        let unsettled = Set(result.figures.filter { $0.value == .unknown }.map { rowKey($0.id) })
        for index in result.table.rows.indices where unsettled.contains(result.table.rows[index].key) {
            result.table.rows[index].state = .unconfirmedRecognition
        }
        return result
    }

    /// Whether `sum` adds up, or is missing a value.
    static func holds(_ sum: Sum, _ values: [Int?]) -> Bool {
        let parts = sum.parts.compactMap { values[$0] }
        let total = sum.total.compactMap { values[$0] }
        guard parts.count == sum.parts.count, total.count == sum.total.count else { return true }
        return parts.checkedSum != nil && parts.checkedSum == total.checkedSum
    }

    /// The sums of a table over its figures' indices: each row's (the last column is the sum of the others, 表三
    /// and 表四), and 表三's R1 (新收 + 结转 = 总计 + 结转下年度) and R3 (the outcome rows add up to 总计) column by
    /// column.
    static func sums(_ reading: TableReading, template: ReportTemplate) -> [Sum] {
        let groupSize: Int? =
            switch reading.table.kind {
            case .two: nil
            case .three: 7
            case .four: 5
            }
        guard let groupSize else { return [] }
        // Each row's figures in column order (the figures of a row come in its columns' order).
        var rows: [String: [Int]] = [:]
        for (index, figure) in reading.figures.enumerated() { rows[rowKey(figure.id), default: []].append(index) }
        rows = rows.filter { $0.value.count == groupSize }
        var result = rows.values.map { Sum(parts: Array($0.dropLast()), total: [$0[groupSize - 1]]) }
        guard reading.table.kind == .three else { return result }
        var outcomeKeys = NationalTemplates.outcomeRowKeys(template)
        if template == .v2021, rows["other"] != nil {
            outcomeKeys.removeAll { $0.begins(with: "other.") }
            outcomeKeys.append("other")
        }
        for column in 0..<groupSize {
            if let received = rows["received"], let carried = rows["carried_over"], let total = rows["total"],
                let forward = rows["carried_forward"]
            {
                result.append(
                    Sum(parts: [received[column], carried[column]], total: [total[column], forward[column]])
                )
            }
            if outcomeKeys.allSatisfy({ rows[$0] != nil }), let total = rows["total"] {
                result.append(Sum(parts: outcomeKeys.compactMap { rows[$0]?[column] }, total: [total[column]]))
            }
        }
        return result
    }

    /// The row key of a figure id: 「t3.denied.state_secret.natural」 → 「denied.state_secret」.
    static func rowKey(_ id: FigureID) -> String {
        let raw = id.rawValue
        guard let firstDot = raw.firstIndex(of: "."), let lastDot = raw.lastIndex(of: "."), firstDot < lastDot else {
            return raw
        }
        return String(raw[raw.index(after: firstDot)..<lastDot])
    }
}
