import GongkaiModel

extension ProactiveTableReader {
    /// A row name wrapped in a narrow label column, its values printed on the label's first line: 「其他对外管理  71367
    /// 0  0」 over 「服务事项」. The text before the values is the start of exactly one row's name, and the text right
    /// after them (up to three tokens) is the rest of it. Returns the row, the token where its label starts in
    /// `buffer`, the whole label as printed, and the indices of the tokens after the values that end it.
    func wrappedMatch(
        _ buffer: [TableToken],
        tokens: [TableToken],
        valuesAt first: Int,
        excluding used: Set<String>
    ) -> (row: RowSpec, labelIndex: Int, label: String, rest: Range<Int>)? {
        guard !buffer.isEmpty else { return nil }
        var next = first
        while next < tokens.count, tokens[next].kind != .text { next += 1 }
        guard next < tokens.count else { return nil }
        var found: [(row: RowSpec, labelIndex: Int, label: String, rest: Range<Int>)] = []
        for start in stride(from: buffer.count - 1, through: max(0, buffer.count - 3), by: -1) {
            let head = buffer[start...].map(\.text).joined()
            let headKey = LabelKey.make(head)
            guard headKey.count >= 2 else { continue }
            for end in (next + 1)...min(tokens.count, next + 3) {
                guard tokens[next..<end].allSatisfy({ $0.kind == .text }) else { break }
                let tail = tokens[next..<end].map(\.text).joined()
                let key = headKey + LabelKey.make(tail)
                for (row, names) in zip(rows, nameKeys) where !used.contains(row.key) && names.contains(key) {
                    if !found.contains(where: { $0.row.key == row.key }) {
                        found.append((row, start, head + tail, next..<end))
                    }
                }
            }
        }
        guard found.count == 1 else { return nil }
        return found[0]
    }
}
