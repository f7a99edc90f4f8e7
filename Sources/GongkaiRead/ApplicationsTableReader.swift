import GongkaiModel

/// Reads 表三 from its tokens: matches printed labels to the format's rows by their markers and names, in order,
/// attaches the values that follow each label, and splits run-together digits with the table's arithmetic.
struct ApplicationsTableReader {
    let table: TableSpec
    /// Template rows and variant rows, with their position in the table's order.
    let candidates: [Candidate]

    struct Candidate {
        var row: RowSpec
        var order: Int
        /// The label keys of the row's name and variants, with their lengths in scalars.
        var names: [(key: String, length: Int)]
    }

    /// The reader for a template, built once.
    static func forTemplate(_ template: ReportTemplate) -> ApplicationsTableReader {
        template == .v2021 ? v2021 : v2019
    }

    private static let v2021 = ApplicationsTableReader(template: .v2021)
    private static let v2019 = ApplicationsTableReader(template: .v2019)

    init(template: ReportTemplate) {
        table = NationalTemplates.spec(template).table(.three)
        var list: [(RowSpec, Int)] = table.rows.enumerated().map { ($1, $0) }
        for variant in table.variantRows {
            let replaced = table.replacedByVariant[variant.key] ?? []
            let order = table.rows.firstIndex { replaced.contains($0.key) } ?? table.rows.count
            list.append((variant, order))
        }
        candidates = list.map { row, order in
            let keys = ([row.name] + row.variants).map(LabelKey.make)
            return Candidate(row: row, order: order, names: keys.map { ($0, $0.unicodeScalars.count) })
        }
    }

    func read(_ tokens: [TableToken], location: SourceLocation?) -> TableReading {
        var entries: [RowAlignment.Entry] = []
        entries.reserveCapacity(table.rows.count)
        var headerTexts: [String] = []
        var buffer: [TableToken] = []
        buffer.reserveCapacity(16)
        var current: RowAlignment.Entry?
        var lastOrder = -1
        // The buffer matched no row when values last came, and no text has come since: it would match none again.
        var unmatched = false

        func finish() {
            if let entry = current { entries.append(entry) }
            current = nil
        }

        for token in tokens {
            if token.kind == .text {
                if current != nil { finish() }
                buffer.append(token)
                unmatched = false
                continue
            }
            if let entry = current, startsUnlabeledRow(token, after: entry.capture) {
                // A line of values after a row that has all its values, with no label between: a row whose label
                // was printed elsewhere or not at all.
                finish()
                current = RowAlignment.Entry(
                    capture: RowCapture(
                        row: entry.capture.row,
                        printedLabel: "",
                        labelLocation: token.location,
                        values: []
                    ),
                    candidates: []
                )
            }
            if current == nil {
                if unmatched { continue }
                let (matches, lastSegmentToken) = matchRows(in: buffer, after: lastOrder)
                guard let last = matches.last else {
                    // Values with no recognisable label before them: not attributable to any row. The label text
                    // before the buffer's last segment matched no row and never will (only text added after it can
                    // change what the last segment says), so it is let go: a table printing one row thousands of
                    // times is read in time proportional to its length.
                    buffer.removeFirst(max(lastSegmentToken, buffer.count - Self.keptTokens))
                    unmatched = true
                    continue
                }
                for blank in matches.dropLast() where !blank.row.isVariant {
                    entries.append(Self.blankEntry(blank))
                }
                lastOrder =
                    last.order + (last.row.isVariant ? (table.replacedByVariant[last.row.key]?.count ?? 1) - 1 : 0)
                var capture = RowCapture(
                    row: last.row,
                    printedLabel: last.label,
                    labelLocation: last.location,
                    values: []
                )
                capture.values.reserveCapacity(last.row.columns.count)
                current = RowAlignment.Entry(
                    capture: capture,
                    candidates: last.alternatives.isEmpty ? nil : [last.order] + last.alternatives
                )
                buffer.removeAll(keepingCapacity: true)
            }
            current?.capture.values.append(token)
        }
        finish()
        // Labels after the last values: rows printed with no values at all.
        for blank in matchRows(in: buffer, after: lastOrder).matches where !blank.row.isVariant {
            entries.append(Self.blankEntry(blank))
        }
        // A row printed with no label may be any row its values fit.
        for index in entries.indices where entries[index].candidates?.isEmpty == true {
            entries[index].candidates = fittingRows(entries[index].capture.values)
        }
        var captures = alignment.settle(entries)
        var headers: [TableToken] = []
        if let firstLabel = captures.first?.labelLocation {
            headers = tokens.prefix { $0.location != firstLabel }.filter { $0.kind == .text }
            headerTexts = headers.map(\.text)
        }
        // Rows of a table laid out on a page get the empty cells their values' places force, when every value
        // printed is in a row.
        let printed = tokens.count { $0.kind != .text && !$0.text.isEmpty }
        if printed == captures.reduce(0, { $0 + $1.values.count { !$0.text.isEmpty } }) {
            captures = PositionedBlanks.place(captures, headers: headers)
        }
        return TableReading.resolve(
            kind: .three,
            captures: captures,
            headerTexts: headerTexts,
            location: location,
            rowTotals: NationalTemplates.applicantColumns.count,
            tableCheck: { Self.tableArithmeticHolds($0, template: template) }
        )
    }

    /// Settles rows by their position in the template.
    var alignment: RowAlignment {
        RowAlignment(rows: table.rows) { row in
            guard let order = candidates.first(where: { $0.row.key == row.key })?.order else { return 0...0 }
            return order...(order + (row.isVariant ? (table.replacedByVariant[row.key]?.count ?? 1) - 1 : 0))
        }
    }

    /// Whether a value starts a row of its own: it opens a new line after a row that already has a value for every
    /// column (no text came between, or the row would have ended).
    func startsUnlabeledRow(_ token: TableToken, after capture: RowCapture) -> Bool {
        guard let previous = capture.values.last, previous.line != token.line else { return false }
        let printed = capture.values.count { !$0.text.isEmpty && $0.kind == .value }
        return printed >= capture.row.columns.count
    }

    /// The template positions of the rows a capture printed without a label fits: one plain value for each column.
    func fittingRows(_ values: [TableToken]) -> [Int] {
        guard values.allSatisfy({ $0.kind == .value && !$0.text.isEmpty }) else { return [] }
        return table.rows.indices.filter { table.rows[$0].columns.count == values.count }
    }

    /// A row whose label is printed with no values after it.
    static func blankEntry(_ match: Match) -> RowAlignment.Entry {
        RowAlignment.Entry(
            capture: RowCapture(row: match.row, printedLabel: match.label, labelLocation: match.location, values: []),
            candidates: nil
        )
    }

    var template: ReportTemplate { table.rows.contains { $0.key == "other.other" } ? .v2021 : .v2019 }

    struct Match {
        var row: RowSpec
        var order: Int
        var label: String
        var location: SourceLocation?
        /// Positions of other rows whose names the label fits as well (a piece of a name several rows share).
        var alternatives: [Int] = []
    }

    /// The most label tokens kept after values that no row claims: far more than any row's label and the labels of
    /// the rows printed blank before it.
    static let keptTokens = 64

    /// Rows whose labels appear in the buffered text, in order, each later in the table than the one before; and the
    /// index of the token where the text's last segment starts.
    ///
    /// The last segment that names a row after `lastOrder` is the row of the values that follow. Segments before it
    /// are rows printed with no values when they come between `lastOrder` and that row; a segment naming a row
    /// beyond it is a label a converter moved away from its row (loose text before a table piece), and is let go.
    func matchRows(in buffer: [TableToken], after lastOrder: Int) -> (matches: [Match], lastSegmentToken: Int) {
        guard !buffer.isEmpty else { return ([], 0) }
        // The key of the buffered text, as scalars, with the token each scalar came from.
        var key: [Unicode.Scalar] = []
        var owners: [Int] = []
        let most = buffer.reduce(0) { $0 + $1.text.utf8.count }
        key.reserveCapacity(most)
        owners.reserveCapacity(most)
        for (index, token) in buffer.enumerated() {
            LabelKey.appendScalars(of: token.text, to: &key)
            owners.append(contentsOf: repeatElement(index, count: key.count - owners.count))
        }
        let segments = LabelSegment.split(key)
        var offsets: [Int] = []
        offsets.reserveCapacity(segments.count)
        var offset = 0
        for segment in segments {
            offsets.append(offset)
            offset += segment.length
        }
        let lastSegmentToken = segments.isEmpty ? 0 : owners[min(offsets[segments.count - 1], owners.count - 1)]
        func match(_ index: Int, _ choice: RowChoice) -> Match {
            let first = owners[min(offsets[index], owners.count - 1)]
            let last = owners[min(offsets[index] + segments[index].length - 1, owners.count - 1)]
            return Match(
                row: choice.row,
                order: choice.order,
                label: buffer[first...last].map(\.text).joined(),
                location: buffer[first].location,
                alternatives: choice.alternatives
            )
        }
        // The row of the values: the last segment that names a row.
        var valuesMatch: (index: Int, choice: RowChoice)?
        for index in segments.indices.reversed() {
            if let choice = bestRow(for: segments[index], after: lastOrder) {
                valuesMatch = (index, choice)
                break
            }
        }
        guard let valuesMatch else { return ([], lastSegmentToken) }
        let grouped = Set(
            valuesMatch.choice.row.isVariant ? table.replacedByVariant[valuesMatch.choice.row.key] ?? [] : []
        )
        var matches: [Match] = []
        var order = lastOrder
        for index in 0..<valuesMatch.index {
            guard let choice = bestRow(for: segments[index], after: order),
                choice.order < valuesMatch.choice.order
                    || (valuesMatch.choice.row.isVariant && choice.order <= valuesMatch.choice.order)
                    || grouped.contains(choice.row.key)
            else { continue }
            matches.append(match(index, choice))
            // A variant row (a single 「（六）其他处理」) may still be followed by the rows it stands for.
            order = choice.row.isVariant ? choice.order - 1 : choice.order
        }
        // The variant's label after the label of a row it stands for is the heading of that row's group, printed on
        // the line of the group's first row while a converter moved that row's own (longer) label above it: the
        // values are the first such row's, and the report prints the rows, not the variant. Labels of the group's
        // later rows between the two were moved away from their rows as well, and are let go.
        if let row = matches.firstIndex(where: { grouped.contains($0.row.key) }) {
            return (Array(matches[...row]), lastSegmentToken)
        }
        matches.append(match(valuesMatch.index, valuesMatch.choice))
        return (matches, lastSegmentToken)
    }

    /// The row a label segment names, with the position of the other rows it names as well.
    struct RowChoice {
        var row: RowSpec
        var order: Int
        var alternatives: [Int]
    }

    /// The row a label segment names: same marker and a close name, or — for long names — a close name alone. An
    /// unmarked piece of a name that several rows share names each of them (`alternatives`).
    func bestRow(for segment: LabelSegment, after lastOrder: Int) -> RowChoice? {
        let printed = (key: segment.name, length: segment.nameLength)
        if segment.marker == nil && printed.length < 4 { return nil }
        var best: (index: Int, score: Double)?
        var ties: [Int] = []
        for index in candidates.indices {
            let order = candidates[index].order
            guard order > lastOrder || (candidates[index].row.isVariant && order >= lastOrder) else { continue }
            let threshold: Double
            if let marker = segment.marker {
                guard marker == candidates[index].row.marker else { continue }
                threshold = 0.6
            } else {
                threshold = 0.85
            }
            let floor = max(threshold, best?.score ?? 0)
            var score = 0.0
            for name in candidates[index].names {
                score = max(score, nameScore(printed, name, atLeast: floor))
                // A numbered label cut short where it wraps (「1.申请人无正」 beside the values, the rest below): the
                // numeral and the name's first characters.
                if segment.marker != nil, printed.length >= 2, name.key.begins(with: printed.key) {
                    score = max(score, 0.9)
                }
            }
            if score >= threshold, score > (best?.score ?? 0) {
                best = (index, score)
                ties.removeAll()
            } else if segment.marker == nil, let current = best, score == current.score, score < 1,
                !candidates[index].row.isVariant, !candidates[current.index].row.isVariant
            {
                ties.append(candidates[index].order)
            }
            if score == 1 { break }
        }
        return best.map {
            RowChoice(row: candidates[$0.index].row, order: candidates[$0.index].order, alternatives: ties)
        }
    }

    /// How well a printed name matches a template name (each with its length in scalars): 1 when it starts with it;
    /// 0.95 when it ends with a name of eight or more characters; 0.9 when it is the first six or more characters of it (a wrapped label whose first line stands beside the
    /// values, the rest below), or six or more from its middle; else the similarity, or 0 when the similarity cannot reach `atLeast`.
    func nameScore(
        _ printed: (key: String, length: Int),
        _ name: (key: String, length: Int),
        atLeast floor: Double = 0
    ) -> Double {
        if printed.key.begins(with: name.key) { return 1 }
        // A long name ending text run on from before it (the table's column headers, with no marker between: a
        // scan's 「一、」 not read), the values following.
        if name.length >= 8, printed.length > name.length, printed.key.ends(with: name.key) { return 0.95 }
        if printed.length >= 6, name.key.begins(with: printed.key) { return 0.9 }
        // The middle line of a label printed over three lines, standing beside the values.
        if printed.length >= 6, printed.length < name.length, name.key.includes(printed.key),
            !name.key.ends(with: printed.key)
        {
            return 0.9
        }
        let bound = LabelKey.similarityBound(printed.length, name.length)
        if bound < floor { return 0 }
        return LabelKey.similarity(printed.key, name.key)
    }

    /// R1 and R3 over whole rows: values by row key; rows not present are skipped. Sums too large for an integer do
    /// not hold.
    static func tableArithmeticHolds(_ rows: [String: [Int]], template: ReportTemplate) -> Bool {
        var outcomeKeys = NationalTemplates.outcomeRowKeys(template)
        if template == .v2021, rows["other"] != nil {
            outcomeKeys.removeAll { $0.begins(with: "other.") }
            outcomeKeys.append("other")
        }
        let outcomesComplete = outcomeKeys.allSatisfy { rows[$0] != nil }
        for column in 0..<7 {
            if let received = rows["received"], let carried = rows["carried_over"], let total = rows["total"],
                let forward = rows["carried_forward"]
            {
                let (before, beforeOverflows) = received[column].addingReportingOverflow(carried[column])
                let (after, afterOverflows) = total[column].addingReportingOverflow(forward[column])
                if beforeOverflows || afterOverflows || before != after { return false }
            }
            if outcomesComplete, let total = rows["total"],
                outcomeKeys.lazy.map({ rows[$0]?[column] ?? 0 }).checkedSum != total[column]
            {
                return false
            }
        }
        return true
    }
}
