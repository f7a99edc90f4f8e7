import GongkaiExtract
import GongkaiModel

/// A part whose heading a converter lost: 「五、存在的主要问题及改进情况」 is missing while its sub-headings remain
/// (「（一）2024 年工作中存在问题的改进情况」, 「（二）2025 年工作中存在的主要问题」). The part starts at its first
/// sub-heading when that sub-heading names the part's subject and stands after part 四's heading, before the next part found.
enum HeadlessSection {
    /// Part 五 when `located` (the parts found by their headings) lacks it: at its first sub-heading after part 四's
    /// heading and before the next part found.
    static func problems(lines: [ExtractedLine], located: [SectionLocator.Located]) -> SectionLocator.Located? {
        guard !located.contains(where: { $0.kind == .problems }),
            let litigation = located.first(where: { $0.kind == .litigation })
        else { return nil }
        let start = litigation.heading.index + 1
        let end = located.first { $0.heading.index > litigation.heading.index }?.heading.index ?? lines.count
        guard start < end else { return nil }
        for index in start..<end where isProblemsSubheading(lines[index]) {
            let line = lines[index]
            return SectionLocator.Located(
                kind: .problems,
                heading: HeadingCandidate(
                    index: index,
                    number: 0,
                    title: LabelKey.make(line.text),
                    location: .text(line: line.number, column: line.cells.first?.location.column ?? 1)
                )
            )
        }
        return nil
    }

    /// 「（一）…存在问题的改进情况」: a short line opening with the first sub-heading marker and naming the part.
    static func isProblemsSubheading(_ line: ExtractedLine) -> Bool {
        guard !line.isBlank, !line.text.includes("。") else { return false }
        let key = TitleReader.headingKey(line.text)
        guard key.begins(with: "(一)"), key.scalarCount <= 40 else { return false }
        return SectionLocator.matches(.problems, key)
    }
}
