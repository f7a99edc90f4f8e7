import GongkaiModel

/// A table read by OCR from page images keeps only what its own arithmetic confirms. OCR misreads digits, drops faint
/// ones and loses ruling lines, so a value read from a scan is a guess unless the table's sums agree with it:
///
/// - 表三: the table is kept when every row read all seven values, each 总计 is the sum of its six applicant columns, and
///   the table's R1 and R3 hold (新收 + 结转 = 办理结果总计 + 结转下年度; the outcome rows sum to 总计); else none of it;
/// - 表四: each of 行政复议, 未经复议直接起诉 and 复议后起诉 is kept when it read all five values and its 总计 is the sum
///   of the other four;
/// - 表二 prints no sums, so nothing in it is confirmed.
///
/// An empty cell read from a scan is never taken as printed empty: a faint 0 reads as nothing. Every row not kept is
/// unknown, with the state ``PrintedRow/State/unconfirmedRecognition``.
enum RecognisedTable {
    static func confirmed(_ reading: TableReading, template: ReportTemplate) -> TableReading {
        // Each row's values in column order (the figures of a row come in its columns' order).
        var values: [String: [Int]] = [:]
        var complete: [String: Bool] = [:]
        for figure in reading.figures {
            let key = rowKey(figure.id)
            if let integer = figure.value.integer {
                values[key, default: []].append(integer)
            } else {
                complete[key] = false
            }
        }
        var kept = Set<String>()
        let groupSize: Int? =
            switch reading.table.kind {
            case .two: nil
            case .three: 7
            case .four: 5
            }
        if let groupSize {
            for (key, row) in values where complete[key] != false && row.count == groupSize {
                if row.dropLast().reduce(0, &+) == row[groupSize - 1] { kept.insert(key) }
            }
        }
        // 表三's rows confirm each other: all of them add up, and so does the table, or none is taken.
        if reading.table.kind == .three {
            let rowKeys = Set(reading.figures.map { rowKey($0.id) })
            if kept != rowKeys || !ApplicationsTableReader.tableArithmeticHolds(values, template: template) {
                kept.removeAll()
            }
        }
        var result = reading
        for index in result.figures.indices where !kept.contains(rowKey(result.figures[index].id)) {
            result.figures[index].value = .unknown
        }
        for index in result.table.rows.indices where !kept.contains(result.table.rows[index].key) {
            result.table.rows[index].state = .unconfirmedRecognition
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
