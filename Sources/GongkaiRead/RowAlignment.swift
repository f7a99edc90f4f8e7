import GongkaiModel

/// Settles the rows of a table whose labels do not name one template row: value lines printed with no label (a
/// converter cut the label away, or left it elsewhere as loose text) and labels that more than one row's name contains
/// (「行政机关不再处理其政府信息公」, the middle line of a label split over three). Such a row is given a template row
/// only when the rows read around it force it: between the two rows its labelled neighbours name, the template rows
/// left over can be taken in order one way only (exactly one row missing between two read rows, say, and the row
/// prints one value per column). Otherwise its values are not attributed to any row.
struct RowAlignment {
    /// A capture as read, with the template rows it may be.
    struct Entry {
        var capture: RowCapture
        /// nil when the label names the capture's row; else the positions in the template of the rows it may be.
        var candidates: [Int]?
    }

    /// The template's rows in order.
    let rows: [RowSpec]
    /// The template positions a row covers: one, or for a variant row the positions of the rows it stands for.
    let span: (RowSpec) -> ClosedRange<Int>

    /// Captures whose rows are settled: those their labels name, and those placed by position. A row that could be
    /// any of several leaves each of them unknown (state `unlabeledValues`); one that fits nowhere is left out.
    func settle(_ entries: [Entry]) -> [RowCapture] {
        guard entries.contains(where: { $0.candidates != nil }) else { return entries.map(\.capture) }
        var result: [RowCapture] = []
        result.reserveCapacity(entries.count)
        var index = 0
        while index < entries.count {
            guard entries[index].candidates != nil else {
                result.append(entries[index].capture)
                index += 1
                continue
            }
            // A run of unsettled rows between two settled ones (or the table's ends).
            let start = index
            while index < entries.count, entries[index].candidates != nil { index += 1 }
            let low = start > 0 ? span(entries[start - 1].capture.row).upperBound : -1
            let high = index < entries.count ? span(entries[index].capture.row).lowerBound : rows.count
            let gap = Array(entries[start..<index])
            let possible = Self.possible(gap.map { ($0.candidates ?? []).filter { $0 > low && $0 < high }.sorted() })
            let placed = Set(possible.compactMap { $0.count == 1 ? $0[0] : nil })
            var undetermined: [Int: Int] = [:]
            for (entry, positions) in zip(gap, possible) {
                if positions.count == 1 {
                    var capture = entry.capture
                    capture.row = rows[positions[0]]
                    result.append(capture)
                    continue
                }
                // Values that could be any of several rows: each of those rows may be the one printing them.
                for position in positions where !placed.contains(position) {
                    undetermined[position] = max(undetermined[position] ?? 0, positions.count)
                }
            }
            for (position, count) in undetermined.sorted(by: { $0.key < $1.key }) {
                let location = gap.first?.capture.labelLocation
                var capture = RowCapture(row: rows[position], printedLabel: "", labelLocation: location, values: [])
                capture.undetermined = .unlabeledValues(rows: count)
                result.append(capture)
            }
        }
        return result
    }

    /// For each entry of a run, the positions it can take in some way of giving the entries strictly increasing
    /// positions from their options; none for any entry when the run fits no way at all.
    static func possible(_ options: [[Int]]) -> [[Int]] {
        let count = options.count
        // before[k][i]: options[k][i] can follow some choice for the entries before k; after[k][i]: some choice for
        // the entries after k can follow it.
        var before = options.map { Array(repeating: false, count: $0.count) }
        var after = before
        for k in 0..<count {
            for (i, position) in options[k].enumerated() {
                before[k][i] =
                    k == 0 || options[k - 1].indices.contains { before[k - 1][$0] && options[k - 1][$0] < position }
            }
        }
        for k in stride(from: count - 1, through: 0, by: -1) {
            for (i, position) in options[k].enumerated() {
                after[k][i] =
                    k == count - 1
                    || options[k + 1].indices.contains { after[k + 1][$0] && options[k + 1][$0] > position }
            }
        }
        return (0..<count).map { k in options[k].indices.filter { before[k][$0] && after[k][$0] }.map { options[k][$0] }
        }
    }
}
