public import Foundation

/// Word (DOCX) bytes → ``ExtractedDocument``: the main document part read as paragraphs and table rows through
/// ``DocumentBuilder``, with list numbers from `word/numbering.xml` and paragraph styles.
///
/// Parts are inflated chunk by chunk straight into libxml2's push parser, within ``DOCXLimits``: a zip bomb, a lying
/// header, a truncated or corrupt archive, or XML nested absurdly deep stops with a clear ``ExtractError``.
public enum DOCXExtractor {
    public static func extract(
        _ data: Data,
        name: String,
        limits: DOCXLimits = .standard
    ) throws(ExtractError) -> ExtractedDocument {
        let zip: ZipReader
        do {
            zip = try ZipReader(data, maxEntries: limits.maxEntries)
        } catch {
            throw describe(error, limits: limits)
        }
        guard let mainPath = try mainDocumentPath(zip, limits: limits), let main = zip.entry(mainPath) else {
            throw .notWordArchive(zip.packageKind(notHaving: "word/document.xml"))
        }
        let folder = mainPath.split(separator: "/").dropLast().map { $0 + "/" }.joined()
        var budget = limits.maxTotalSize

        let styleReader = StylePartReader()
        if let entry = zip.entry(folder + "styles.xml") {
            try parse(entry, in: zip, with: styleReader, limits: limits, budget: &budget)
        }
        let numberingReader = NumberingPartReader()
        if let entry = zip.entry(folder + "numbering.xml") {
            try parse(entry, in: zip, with: numberingReader, limits: limits, budget: &budget)
        }
        let reader = DocumentPartReader(
            name: name,
            styles: styleReader.styles,
            numbering: numberingReader.numbering,
            maxColumns: limits.maxColumns
        )
        try parse(main, in: zip, with: reader, limits: limits, budget: &budget) {
            reader.builder.lines.count > limits.maxLines ? .tooManyWordLines(limit: limits.maxLines) : nil
        }
        return reader.builder.build()
    }

    /// `word/document.xml`, or the part the package relationships name as the main document.
    static func mainDocumentPath(_ zip: ZipReader, limits: DOCXLimits) throws(ExtractError) -> String? {
        if zip.entry("word/document.xml") != nil { return "word/document.xml" }
        guard let relationships = zip.entry("_rels/.rels") else { return nil }
        let reader = RelationshipsPartReader()
        var budget = limits.maxTotalSize
        try parse(relationships, in: zip, with: reader, limits: limits, budget: &budget)
        guard let path = reader.mainDocument, path.hasSuffix(".xml"), !path.hasPrefix("xl/"), !path.hasPrefix("ppt/")
        else { return nil }
        return path
    }

    /// Inflates one part into the XML parser, within the per-part limit and what is left of the total; `stop`, asked
    /// after each chunk, ends the reading with its error.
    static func parse(
        _ entry: ZipReader.Entry,
        in zip: ZipReader,
        with handler: any XMLEventHandler,
        limits: DOCXLimits,
        budget: inout Int,
        stop: () -> ExtractError? = { nil }
    ) throws(ExtractError) {
        let limit = min(limits.maxEntrySize, budget)
        do {
            budget -= try zip.parseXML(entry, with: handler, maxDepth: limits.maxDepth, limit: limit, stop: stop)
        } catch {
            switch error {
            case .xml(let failure): throw describe(failure, part: entry.path, limits: limits)
            case .stopped(let stopped): throw stopped
            case .zip(let failure):
                if case .entryTooLarge = failure, limit < limits.maxEntrySize {
                    throw .wordPartTooLarge(part: "全部内容", limit: limits.maxTotalSize)
                }
                throw describe(failure, limits: limits)
            }
        }
    }

    static func describe(_ failure: ZipReader.Failure, limits: DOCXLimits) -> ExtractError {
        switch failure {
        case .corrupt(let detail): .damagedWord(detail)
        case .tooManyEntries(let count): .tooManyWordParts(count: count, limit: limits.maxEntries)
        case .entryTooLarge(let part): .wordPartTooLarge(part: part, limit: limits.maxEntrySize)
        case .totalTooLarge: .wordPartTooLarge(part: "全部内容", limit: limits.maxTotalSize)
        case .encrypted: .encryptedWord
        case .stopped: .damagedWord("读取中断")
        }
    }

    static func describe(_ failure: XMLStreamParser.Failure, part: String, limits: DOCXLimits) -> ExtractError {
        switch failure {
        case .tooDeep: .wordXMLTooDeep(part: part, limit: limits.maxDepth)
        case .malformed(let line, let message): .malformedWordXML(part: part, line: line, detail: message)
        }
    }
}
