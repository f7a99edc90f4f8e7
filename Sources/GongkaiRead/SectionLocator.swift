import GongkaiExtract
import GongkaiModel

/// Decides which headings start the six parts of a report (and which start parts it inserts), using the tables as
/// landmarks: the part that holds 表二 is 「二、主动公开政府信息情况」 even when that heading also appears earlier, nested
/// inside part 一.
struct SectionLocator {
    struct Located {
        var kind: SectionKind
        var heading: HeadingCandidate
    }

    static let keywords: [SectionKind: [String]] = [
        .overview: ["总体情况", "概述", "基本情况", "总体", "概况"],
        .proactive: ["主动公开"],
        .applications: ["收到和处理", "依申请", "申请情况", "申请公开"],
        .litigation: ["行政复议", "行政诉讼", "复议", "诉讼"],
        .problems: ["存在的主要问题", "主要问题", "存在问题", "问题及改进", "改进情况", "问题和改进"],
        .otherMatters: ["其他需要报告", "其他事项", "其他需要"],
    ]

    static func matches(_ kind: SectionKind, _ title: String) -> Bool {
        (keywords[kind] ?? []).contains { title.includes($0) }
    }

    /// Sections in document order. `anchors` gives the line index of 表二, 表三 and 表四 where found.
    static func locate(_ candidates: [HeadingCandidate], anchors: [SectionKind: Int]) -> [Located] {
        var chosen: [SectionKind: HeadingCandidate] = [:]
        // Parts holding a table: the last matching heading before the table.
        var floor = -1
        for kind in [SectionKind.proactive, .applications, .litigation] {
            guard let anchor = anchors[kind] else { continue }
            if let heading = candidates.last(where: {
                $0.index > floor && $0.index <= anchor && matches(kind, $0.title)
            }) {
                chosen[kind] = heading
                floor = heading.index
            }
        }
        // The other parts, and table parts whose table is missing: the first matching heading in order.
        var previous = -1
        for kind in SectionKind.standard {
            if let heading = chosen[kind] {
                previous = heading.index
                continue
            }
            let next =
                SectionKind.standard.drop { $0 != kind }.dropFirst().compactMap { chosen[$0]?.index }.first ?? Int.max
            let pool = candidates.filter { $0.index > previous && $0.index < next }
            let found =
                pool.first { matches(kind, $0.title) }
                ?? (kind == .overview ? pool.first { $0.number == 1 } : nil)
            if let found {
                chosen[kind] = found
                previous = found.index
            }
        }
        var located = chosen.map { Located(kind: $0.key, heading: $0.value) }.sorted {
            $0.heading.index < $1.heading.index
        }
        // Headings that continue the numbering between two parts are parts the report inserted.
        let taken = Set(located.map(\.heading.index))
        for candidate in candidates where !taken.contains(candidate.index) {
            guard let before = located.last(where: { $0.heading.index < candidate.index }) else { continue }
            let after = located.first { $0.heading.index > candidate.index }
            let continues = candidate.number == before.heading.number + 1
            let fitsNext = after.map { $0.heading.number == candidate.number + 1 } ?? true
            if continues && fitsNext {
                located.append(Located(kind: .extra, heading: candidate))
                located.sort { $0.heading.index < $1.heading.index }
            }
        }
        return located
    }
}
