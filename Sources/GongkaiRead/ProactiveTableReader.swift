import GongkaiModel

/// Reads 表二: each row is found by its name (「规章」「行政许可」…) ending the label text before its values.
struct ProactiveTableReader {
    let rows: [RowSpec]
    /// The label keys of each row's name and variants.
    let nameKeys: [[String]]

    /// The reader for a template, built once.
    static func forTemplate(_ template: ReportTemplate) -> ProactiveTableReader {
        template == .v2021 ? v2021 : v2019
    }

    private static let v2021 = ProactiveTableReader(template: .v2021)
    private static let v2019 = ProactiveTableReader(template: .v2019)

    init(template: ReportTemplate) {
        rows = NationalTemplates.spec(template).table(.two).rows
        nameKeys = rows.map { ([$0.name] + $0.variants).map(LabelKey.make) }
    }

    /// Reads the table from its tokens; `detached` are values a converter printed apart from their rows.
    func read(_ tokens: [TableToken], location: SourceLocation?, detached: [DetachedCell] = []) -> TableReading {
        var captures: [RowCapture] = []
        captures.reserveCapacity(rows.count)
        var buffer: [TableToken] = []
        buffer.reserveCapacity(16)
        var current: RowCapture?
        var used = Set<String>()

        for token in tokens {
            if token.kind == .text {
                if let capture = current {
                    captures.append(capture)
                    current = nil
                } else if let last = buffer.last, let row = exactRow(last, excluding: used) {
                    // A row's whole label followed by more text and no value: a row printed with empty cells.
                    used.insert(row.key)
                    captures.append(
                        RowCapture(row: row, printedLabel: last.text, labelLocation: last.location, values: [])
                    )
                    buffer.removeAll(keepingCapacity: true)
                }
                buffer.append(token)
                continue
            }
            if current == nil {
                guard let (row, labelIndex) = match(buffer, excluding: used) else { continue }
                used.insert(row.key)
                let label = buffer[labelIndex...].map(\.text).joined()
                current = RowCapture(
                    row: row,
                    printedLabel: label,
                    labelLocation: buffer[labelIndex].location,
                    values: []
                )
                buffer.removeAll(keepingCapacity: true)
            }
            current?.values.append(token)
        }
        if let capture = current { captures.append(capture) }
        // A row label at the very end with nothing after it: printed, but blank.
        if let (row, labelIndex) = match(buffer, excluding: used) {
            let label = buffer[labelIndex...].map(\.text).joined()
            captures.append(
                RowCapture(row: row, printedLabel: label, labelLocation: buffer[labelIndex].location, values: [])
            )
        }
        let headers = tokens.filter { $0.kind == .text }.map(\.text)
        return TableReading.resolve(
            kind: .two,
            captures: DetachedCell.attach(detached, to: captures),
            headerTexts: headers,
            location: location,
            rowTotals: nil,
            tableCheck: { _ in true }
        )
    }

    /// The row a token names exactly (its name or a variant).
    func exactRow(_ token: TableToken, excluding used: Set<String>) -> RowSpec? {
        let key = LabelKey.make(token.text)
        for (row, names) in zip(rows, nameKeys) where !used.contains(row.key) && names.contains(key) { return row }
        return nil
    }

    /// The row whose name ends the buffered text, with the index of the token where its label starts.
    func match(_ buffer: [TableToken], excluding used: Set<String>) -> (RowSpec, Int)? {
        guard !buffer.isEmpty else { return nil }
        // Label text usually fills the last token (or the last few, when a wrapped label was split).
        for start in stride(from: buffer.count - 1, through: max(0, buffer.count - 4), by: -1) {
            let key = LabelKey.make(buffer[start...].map(\.text).joined())
            var best: (row: RowSpec, length: Int)?
            for (row, names) in zip(rows, nameKeys) where !used.contains(row.key) {
                for nameKey in names {
                    if key.ends(with: nameKey), nameKey.count > (best?.length ?? 0) {
                        best = (row, nameKey.count)
                    }
                }
            }
            if let best { return (best.row, start) }
        }
        return nil
    }
}
