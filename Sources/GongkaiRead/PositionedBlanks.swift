import GongkaiModel

/// Empty cells of a table laid out on a page (PDF text boxes, text in whitespace columns): an empty cell prints
/// nothing, so its row has fewer values than columns, but where each value stands still says which column it is in.
///
/// The table's columns are learnt from its rows that print a value in every column: column *j* spans from the
/// leftmost to the rightmost edge of the *j*-th values of those rows. With too few such rows, from the header: the
/// pieces of each column's name (「商业企」 over 「业」 in a narrow cell) standing one above the other. Only when
/// those spans are apart from each other (the rows agree on where each column is) does a row with fewer values get
/// its empty cells: each of its values must stand in exactly one column's span, in order, and every column no value
/// stands in is an empty cell. Otherwise the row is left as it is (its cells unknown).
///
/// Used for 表三, one grid of seven columns, when every value of the table is in some row (a value no row claims may
/// be the rest of a row that looks short); 表二's blocks may each be a table of their own, with columns elsewhere.
enum PositionedBlanks {
    /// Rows printing a value in every column needed before columns are learnt from them.
    static let minimumRows = 3
    /// The fewest characters of a column's name that stand for it in a PDF header where the rest of it is cut off.
    static let namePrefix = 4

    /// The captures with the empty cells their values' places force, as empty value tokens in their columns.
    static func place(_ captures: [RowCapture], headers: [TableToken] = []) -> [RowCapture] {
        // Only rows with fewer plain values than columns change.
        guard
            captures.contains(where: { capture in
                capture.values.count < capture.row.columns.count && !capture.values.isEmpty
                    && capture.values.allSatisfy(isPlainValue)
            })
        else { return captures }
        var result = captures
        // Rows sharing their columns (the template's rows share one array of them), each set once.
        var columnSets: [[ColumnSpec]] = []
        for capture in captures where !columnSets.contains(capture.row.columns) {
            columnSets.append(capture.row.columns)
        }
        for columnSpecs in columnSets where columnSpecs.count >= 2 {
            let members = captures.indices.filter { captures[$0].row.columns == columnSpecs }
            // Each way of measuring places that gives columns apart from each other; text is measured in characters
            // and in widths (a wide character two columns), and the two must agree where both give columns. The
            // rows' own places are the better witness: the header is asked only when no measure lines the rows up.
            var measures: [(Measure, [Span])] = Measure.allCases.compactMap { measure in
                columnSpans(members.map { captures[$0] }, count: columnSpecs.count, measure: measure).map {
                    (measure, $0)
                }
            }
            if measures.isEmpty {
                measures = Measure.allCases.compactMap { measure in
                    columnSpans(headers: headers, columns: columnSpecs, measure: measure).map { (measure, $0) }
                }
            }
            guard !measures.isEmpty else { continue }
            for index in members {
                let values = captures[index].values
                if let agreed = agreed(measures.map { placed(values, in: $1, measure: $0) }) {
                    result[index].values = agreed
                }
            }
        }
        return result
    }

    /// How a token's place across its line is measured.
    enum Measure: CaseIterable {
        /// Its box on a PDF page, in points.
        case page
        /// Its columns in a line of text, one per character.
        case characters
        /// Its columns in a line of text, two per wide character.
        case width
    }

    /// A horizontal extent: PDF points, or character columns in text.
    struct Span {
        var lower: Double
        var upper: Double

        func overlaps(_ other: Span) -> Bool { lower <= other.upper && upper >= other.lower }
    }

    /// Where a token stands across its line: its box on a PDF page, or its columns in a line of text.
    static func span(_ token: TableToken, _ measure: Measure) -> Span? {
        switch measure {
        case .page:
            guard let box = token.location.box else { return nil }
            return Span(lower: min(box.x0, box.x1), upper: max(box.x0, box.x1))
        case .characters, .width:
            // Only words of a line separated by spaces stand where their columns are; a cell of a line of pipes or
            // tabs stands wherever its neighbours' lengths put it.
            guard token.isSpaced, token.location.box == nil, token.location.page == nil,
                let column = token.location.column, token.location.table == nil
            else { return nil }
            let length = max(1, (token.location.endColumn ?? (column + token.text.unicodeScalars.count)) - column)
            // Values are ASCII: as wide in both measures; a label's width counts its wide characters twice.
            let start = measure == .width ? (token.displayColumn ?? column) : column
            let width =
                measure == .width ? token.text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) } : length
            return Span(lower: Double(start), upper: Double(start + max(1, width) - 1))
        }
    }

    static func isPlainValue(_ token: TableToken) -> Bool { token.kind == .value && !token.text.isEmpty }

    /// The columns' spans learnt from the rows printing a value in every column; nil when too few rows do, or when
    /// their columns overlap (the rows do not agree on where each column is).
    static func columnSpans(_ captures: [RowCapture], count: Int, measure: Measure) -> [Span]? {
        var spans: [Span?] = Array(repeating: nil, count: count)
        var rows = 0
        for capture in captures where capture.values.count == count && capture.values.allSatisfy(isPlainValue) {
            let tokenSpans = capture.values.map { span($0, measure) }
            guard tokenSpans.allSatisfy({ $0 != nil }) else { return nil }
            rows += 1
            for (column, tokenSpan) in tokenSpans.enumerated() {
                guard let tokenSpan else { continue }
                spans[column] =
                    spans[column].map {
                        Span(lower: min($0.lower, tokenSpan.lower), upper: max($0.upper, tokenSpan.upper))
                    } ?? tokenSpan
            }
        }
        guard rows >= minimumRows else { return nil }
        let learnt = spans.compactMap { $0 }
        guard learnt.count == count else { return nil }
        for (left, right) in zip(learnt, learnt.dropFirst()) where left.upper >= right.lower { return nil }
        return learnt
    }

    /// The columns' spans where the header prints their names: for each column, the header pieces that are parts of
    /// its name, grouped by where they stand (pieces one above the other), whose group reads the whole name top to
    /// bottom. A name several columns share (表四's 结果维持 in each of its three groups) must be found as often as
    /// they share it, its places taken left to right. Nil unless every name is found so, and the spans are apart, in
    /// the columns' order.
    static func columnSpans(headers: [TableToken], columns: [ColumnSpec], measure: Measure) -> [Span]? {
        let pieces: [(key: String, span: Span, top: Double)] = headers.compactMap { token in
            guard let span = span(token, measure) else { return nil }
            let top = token.location.box.map { min($0.y0, $0.y1) } ?? Double(token.line)
            return (LabelKey.make(token.text), span, top)
        }
        guard !pieces.isEmpty else { return nil }
        var found: [String: [Span]] = [:]
        var result: [Span] = []
        for column in columns {
            // Without digits: a header's digits are read apart, as values (「保留4位小数」).
            let names = ([column.label] + column.variants).map { LabelKey.make($0).filter { !$0.isASCIIDigit } }
            let name = names[0]
            if found[name] == nil {
                // Pieces that are parts of the name, grouped by overlapping places: pieces one above the other.
                var groups: [[(key: String, span: Span, top: Double)]] = []
                for piece in pieces where !piece.key.isEmpty && names.contains(where: { $0.includes(piece.key) }) {
                    if let index = groups.firstIndex(where: { $0.contains { $0.span.overlaps(piece.span) } }) {
                        groups[index].append(piece)
                    } else {
                        groups.append([piece])
                    }
                }
                found[name] =
                    groups.filter { group in
                        let text = group.sorted { $0.top < $1.top }.map(\.key).joined()
                        // The whole name, or on a page a long enough start of it (a name cut where its digits were
                        // read apart: 「采购总金额（单位：万元，保留」 「4」 「位小数）」). In text, a start may be a
                        // name whose rest stands elsewhere in that measure (「社会公益」 over a 「组织」 it does not
                        // line up with).
                        let cut = measure == .page && text.count >= Self.namePrefix
                        return names.contains { $0 == text || (cut && $0.starts(with: text)) }
                    }
                    .map { group in
                        Span(lower: group.map(\.span.lower).min() ?? 0, upper: group.map(\.span.upper).max() ?? 0)
                    }
                    .sorted { $0.lower < $1.lower }
                guard found[name]?.count == columns.count(where: { $0.label == column.label }) else { return nil }
            }
            guard let next = found[name]?.first else { return nil }
            found[name]?.removeFirst()
            result.append(next)
        }
        for (left, right) in zip(result, result.dropFirst()) where left.upper >= right.lower { return nil }
        return result
    }

    /// A row of its own under a header (表四's one row of values), with an empty value token in each column none of
    /// its values stands in; the columns are where the header prints their names, in every measure that finds them,
    /// and the measures must agree. Nil when the values' places do not settle every column.
    static func placeRow(_ values: [TableToken], headers: [TableToken], columns: [ColumnSpec]) -> [TableToken]? {
        agreed(
            Measure.allCases.compactMap { measure in
                columnSpans(headers: headers, columns: columns, measure: measure).map {
                    placed(values, in: $0, measure: measure)
                }
            }
        )
    }

    /// The placement every measure that gives columns agrees on; nil when there is none, or one places nothing.
    static func agreed(_ placements: [[TableToken]?]) -> [TableToken]? {
        guard let first = placements.first, let values = first,
            placements.allSatisfy({ $0?.map(\.text) == values.map(\.text) })
        else { return nil }
        return values
    }

    /// A row's values with an empty value token in each column none of them stands in; nil unless each value stands
    /// in exactly one column, in order, and some column is left.
    static func placed(_ values: [TableToken], in columns: [Span], measure: Measure) -> [TableToken]? {
        // On one line: values on two lines may be a figure wrapped under itself, or part of a row whose label
        // continues between its lines of values.
        guard let line = values.first?.line, values.count < columns.count,
            values.allSatisfy({ isPlainValue($0) && $0.line == line })
        else { return nil }
        var assigned: [Int] = []
        for value in values {
            guard let valueSpan = span(value, measure) else { return nil }
            let hits = columns.indices.filter { columns[$0].overlaps(valueSpan) }
            guard hits.count == 1, let column = hits.first, column > (assigned.last ?? -1) else { return nil }
            assigned.append(column)
        }
        var result: [TableToken] = []
        result.reserveCapacity(columns.count)
        var next = 0
        for (column, columnSpan) in columns.enumerated() {
            if next < values.count, assigned[next] == column {
                result.append(values[next])
                next += 1
                continue
            }
            // The empty cell stands where its column is, on the line of the value nearest before it (or after).
            let neighbour = values[min(next, values.count - 1)]
            var location = neighbour.location
            if var box = location.box {
                box.x0 = columnSpan.lower
                box.x1 = columnSpan.upper
                location.box = box
            } else {
                location.column = Int(columnSpan.lower)
                location.endColumn = Int(columnSpan.upper) + 1
            }
            result.append(TableToken(kind: .value, text: "", location: location, line: neighbour.line))
        }
        return result
    }
}
