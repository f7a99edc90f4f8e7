import GongkaiExtract
import GongkaiModel

/// A cell a converter pulled out of its table row: a value printed two lines high with a remark under it
/// (「22」 over 「（其中修订 16 件）」), left as loose text near the table while its row is printed one value short.
struct DetachedCell {
    var value: Int
    /// The cell as printed, value and remark.
    var printed: String
    /// The remark's key, without its brackets.
    var remark: String
    var location: SourceLocation
    /// The numbers of the lines it was printed on.
    var lines: [Int]

    /// Words of a remark that name the column its value belongs to (「含自然失效 29 件」 counts repealed documents);
    /// a remark naming none (「其中修订 16 件」: amendments are counted as made by some and as repealed by others)
    /// leaves every column open.
    static let columnWords: [String: [String]] = [
        "issued": ["制发", "新制定", "新出台"],
        "repealed": ["失效", "废止", "废除"],
        "in_force": ["现行有效"],
    ]

    /// Detached cells among loose lines: a line printing only a whole number followed by a line printing only a
    /// bracketed remark, or one line printing both.
    static func find(_ lines: ArraySlice<ExtractedLine>) -> [DetachedCell] {
        var cells: [DetachedCell] = []
        var index = lines.startIndex
        while index < lines.endIndex {
            let line = lines[index]
            defer { index += 1 }
            guard line.layout == .spaced else { continue }
            let text = line.text.trimmingSpacesAndTabs
            let raw = line.raw.trimmingSpacesAndTabs
            let location = SourceLocation.text(line: line.number, column: line.cells.first?.location.column ?? 1)
            if let value = wholeNumber(text) {
                let next = index + 1
                guard next < lines.endIndex, lines[next].layout == .spaced,
                    let remark = remark(LabelKey.make(lines[next].text))
                else { continue }
                let printed = raw + lines[next].raw.trimmingSpacesAndTabs
                cells.append(
                    DetachedCell(
                        value: value,
                        printed: String(printed),
                        remark: remark,
                        location: location,
                        lines: [line.number, lines[next].number]
                    )
                )
                index = next
                continue
            }
            // 「22（其中修订 16 件）」 on one line.
            let key = LabelKey.make(text)
            guard let open = key.firstIndex(of: "("), let value = wholeNumber(key[..<open]),
                let remark = remark(key[open...])
            else { continue }
            cells.append(
                DetachedCell(
                    value: value,
                    printed: String(raw),
                    remark: remark,
                    location: location,
                    lines: [line.number]
                )
            )
        }
        return cells
    }

    /// `lines` without the lines of `cells`.
    static func removing(_ cells: [DetachedCell], from lines: ArraySlice<ExtractedLine>) -> ArraySlice<ExtractedLine> {
        guard !cells.isEmpty else { return lines }
        let taken = Set(cells.flatMap(\.lines))
        return ArraySlice(lines.filter { !taken.contains($0.number) })
    }

    static func wholeNumber(_ text: some StringProtocol) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.utf8.allSatisfy(TableToken.isDigit) else { return nil }
        return Int(text)
    }

    /// The inside of a bracketed remark key 「(…)」 of a few words with no 。; nil for anything else.
    static func remark(_ key: some StringProtocol) -> String? {
        guard key.first == "(", key.last == ")", key.count > 2, key.count <= 30, !key.includes(".") else { return nil }
        let inside = key.dropFirst().dropLast()
        guard !inside.contains("("), !inside.contains(")") else { return nil }
        return String(inside)
    }

    /// The positions among `row`'s columns the value may take: those its remark names, or every one.
    func positions(in row: RowSpec) -> [Int] {
        let named = row.columns.indices.filter { index in
            (Self.columnWords[row.columns[index].key] ?? []).contains { remark.includes($0) }
        }
        return named.isEmpty ? Array(row.columns.indices) : named
    }

    /// Gives each row printed one value short a detached cell, in order, when there are as many cells as such rows;
    /// otherwise none is given (which cell came from which row would be a guess).
    static func attach(_ cells: [DetachedCell], to captures: [RowCapture]) -> [RowCapture] {
        guard !cells.isEmpty else { return captures }
        let short = captures.indices.filter { index in
            let capture = captures[index]
            return capture.values.count == capture.row.columns.count - 1
                && capture.values.allSatisfy { $0.kind == .value && wholeNumber($0.text) != nil }
        }
        guard short.count == cells.count else { return captures }
        var result = captures
        for (index, cell) in zip(short, cells) { result[index].detached = cell }
        return result
    }
}
