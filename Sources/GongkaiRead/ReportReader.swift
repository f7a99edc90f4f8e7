public import Foundation
public import GongkaiExtract
public import GongkaiModel

/// Turns an extracted document into an ``AnnualReport``: title, agency and year; template; the six parts; tables 二,
/// 三 and 四 with every figure and where it was printed; the date at the foot.
public enum ReportReader {
    /// Reads a file's bytes, whatever its format.
    public static func read(_ data: Data, name: String) throws(ReadError) -> AnnualReport {
        let document: ExtractedDocument
        do {
            document = try DocumentExtractor.extract(data, name: name)
        } catch {
            throw .extraction(error)
        }
        return try read(document)
    }

    public static func read(_ document: ExtractedDocument) throws(ReadError) -> AnnualReport {
        let lines = document.lines
        let title = TitleReader.read(lines)
        if let year = title.year, year < 2019 { throw .unsupportedFormat(year: year) }

        let headings = HeadingCandidate.find(lines)
        let anchors = TableAnchors.find(lines)
        if title.year == nil && title.agency == nil && anchors.isEmpty { throw .notAReport }

        var regions = anchors.regions(lines: lines, headings: headings)
        let sectionAnchors = Dictionary(
            uniqueKeysWithValues: [
                (TableKind.two, SectionKind.proactive), (.three, .applications), (.four, .litigation),
            ]
            .compactMap { table, kind in anchors.start[table].map { (kind, $0) } }
        )
        var located = SectionLocator.locate(headings, anchors: sectionAnchors)
        let headless = HeadlessSection.problems(lines: lines, located: located)
        if let headless {
            located.append(headless)
            located.sort { $0.heading.index < $1.heading.index }
            // The part ends any table that ran on into it for want of a heading.
            for (kind, region) in regions where region.contains(headless.heading.index) {
                regions[kind] = region.lowerBound..<headless.heading.index
            }
        }
        let template = TemplateDetector.detect(
            lines: lines,
            keys: anchors.lineKeys,
            regions: regions,
            year: title.year
        )

        var report = AnnualReport(
            source: document.source,
            agency: title.agency,
            year: title.year ?? statisticsYear(lines),
            template: template,
            title: title.title,
            titleLocation: title.location
        )
        if report.year.map({ $0 < 2019 }) == true, let year = report.year { throw .unsupportedFormat(year: year) }

        var readings: [TableReading] = []
        if let region = regions[.two] {
            readings.append(
                ProactiveTableReader.forTemplate(template).read(
                    lines: TableLines.content(lines[region]),
                    location: location(of: lines[region.lowerBound])
                )
            )
        }
        if let region = regions[.three] {
            readings.append(
                ApplicationsTableReader.forTemplate(template).read(
                    TableToken.tokens(TableLines.content(lines[region])),
                    location: location(of: lines[region.lowerBound])
                )
            )
        }
        if let region = regions[.four] {
            readings.append(
                LitigationTableReader().read(
                    lines: TableLines.content(lines[region]),
                    location: location(of: lines[region.lowerBound])
                )
            )
        }
        if document.isRecognised { readings = readings.map { RecognisedTable.confirmed($0, template: template) } }
        report.figures.reserveCapacity(readings.reduce(0) { $0 + $1.figures.count })
        for reading in readings { add(reading, to: &report) }

        let footer = DateReader.read(lines)
        report.publicationDate = footer?.date
        report.publicationDateLocation = footer?.location

        let tableLines = Set(regions.values.flatMap { Array($0) })
        let footerStart = footerLine(lines, dateLine: footer?.line, agency: report.agency)
        report.sections = sections(located, lines: lines, excluding: tableLines, end: footerStart)
        if let headless, let index = report.sections.firstIndex(where: { $0.kind == headless.kind }) {
            // No heading was printed: the part's text starts with the sub-heading it was found by.
            let subheading = String(lines[headless.heading.index].raw.trimmingSpacesAndTabs)
            report.sections[index].printedNumber = nil
            report.sections[index].title = ""
            report.sections[index].text = [subheading, report.sections[index].text].filter { !$0.isEmpty }
                .joined(separator: "\n")
        }
        let sectionStarts = Set(located.map(\.heading.index))
        report.headings = headings.map {
            Heading(
                number: $0.number,
                title: $0.title,
                location: $0.location,
                startsSection: sectionStarts.contains($0.index)
            )
        }
        let firstSection = located.first?.heading.index ?? lines.count
        let introStart =
            title.titleLine.map { number in lines.firstIndex { $0.number == number }.map { $0 + 1 } ?? 0 } ?? 0
        report.introduction = text(lines, introStart..<max(introStart, firstSection), excluding: tableLines)
        report.source.tables = figureTables(report)
        return report
    }

    /// The source's tables the report's figures and printed rows were read from, the others left out.
    static func figureTables(_ report: AnnualReport) -> [SourceTable] {
        guard !report.source.tables.isEmpty else { return [] }
        var numbers = Set(report.figures.values.compactMap { $0.location?.table })
        for table in report.tables {
            if let number = table.location?.table { numbers.insert(number) }
            for row in table.rows { if let number = row.location?.table { numbers.insert(number) } }
        }
        return report.source.tables.filter { numbers.contains($0.number) }
    }

    static func add(_ reading: TableReading, to report: inout AnnualReport) {
        report.tables.append(reading.table)
        // A cell read before keeps its first reading.
        report.figures.merge(reading.figures.lazy.map { ($0.id, $0) }) { first, _ in first }
    }

    static func location(of line: ExtractedLine) -> SourceLocation {
        .text(line: line.number, column: line.cells.first?.location.column ?? 1)
    }

    /// 「统计期限为2023年1月1日至…」: the year of the statistics period, for reports without a title.
    static func statisticsYear(_ lines: [ExtractedLine]) -> Int? {
        for line in lines.prefix(TitleReader.searchLines) {
            let key = LabelKey.make(line.text)
            guard let range = key.range(of: "年1月1日") else { continue }
            let digits = key[..<range.lowerBound].suffix(4)
            if digits.count == 4, digits.allSatisfy(\.isASCIIDigit), let year = Int(digits) { return year }
        }
        return nil
    }

    /// The index of the first line of the signature block (agency name and date) at the foot.
    static func footerLine(_ lines: [ExtractedLine], dateLine: Int?, agency: String?) -> Int {
        guard let dateLine, let dateIndex = lines.firstIndex(where: { $0.number == dateLine }) else {
            return lines.count
        }
        var start = dateIndex
        if let previous = lines[..<dateIndex].lastIndex(where: { !$0.isBlank }) {
            let key = LabelKey.make(lines[previous].text)
            let isSignature =
                key.scalarCount <= 30 && !key.includes(".") && !key.includes(",")
                && (agency.map { key.ends(with: $0) || $0.ends(with: key) } == true || key.ends(with: "局")
                    || key.ends(with: "政府") || key.ends(with: "办公室") || key.ends(with: "委员会"))
            if isSignature { start = previous }
        }
        return start
    }

    static func sections(
        _ located: [SectionLocator.Located],
        lines: [ExtractedLine],
        excluding: Set<Int>,
        end: Int
    ) -> [ReportSection] {
        located.enumerated().map { position, entry in
            let start = entry.heading.index + 1
            let stop = position + 1 < located.count ? located[position + 1].heading.index : max(end, start)
            return ReportSection(
                kind: entry.kind,
                printedNumber: entry.heading.number,
                title: entry.heading.title,
                text: text(lines, start..<max(start, stop), excluding: excluding),
                location: entry.heading.location
            )
        }
    }

    /// The printed lines of a range, without table lines, with runs of blank lines collapsed.
    static func text(_ lines: [ExtractedLine], _ range: Range<Int>, excluding: Set<Int>) -> String {
        var result: [String] = []
        for index in range where !excluding.contains(index) {
            let line = lines[index]
            if line.isBlank {
                if let last = result.last, !last.isEmpty { result.append("") }
                continue
            }
            result.append(String(line.raw.trimmingSpacesAndTabs))
        }
        while result.last == "" { result.removeLast() }
        return result.joined(separator: "\n")
    }
}
