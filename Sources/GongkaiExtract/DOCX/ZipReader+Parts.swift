import Foundation

extension ZipReader {
    /// Why an XML part could not be read: the archive, the XML, or the caller's own `stop`.
    enum XMLPartFailure<Stop: Error>: Error {
        case zip(ZipReader.Failure)
        case xml(XMLStreamParser.Failure)
        case stopped(Stop)
    }

    /// Inflates one entry into an XML parser that hands its events to `handler`, at most `limit` bytes; `stop`,
    /// asked after each chunk, ends the reading with its error. Returns how many bytes came out. Word documents and
    /// Excel workbooks both read their parts this way, each saying what a failure means in its own words.
    func parseXML<Stop: Error>(
        _ entry: Entry,
        with handler: any XMLEventHandler,
        maxDepth: Int,
        limit: Int,
        stop: () -> Stop?
    ) throws(XMLPartFailure<Stop>) -> Int {
        let parser = XMLStreamParser(handler: handler, maxDepth: maxDepth)
        var produced = 0
        var xmlFailure: XMLStreamParser.Failure?
        var stopped: Stop?
        do {
            try read(entry, limit: limit) { chunk in
                produced += chunk.count
                do throws(XMLStreamParser.Failure) {
                    try parser.feed(chunk)
                } catch {
                    xmlFailure = error
                    throw Failure.stopped
                }
                if let error = stop() {
                    stopped = error
                    throw Failure.stopped
                }
            }
        } catch {
            if let xmlFailure { throw .xml(xmlFailure) }
            if let stopped { throw .stopped(stopped) }
            throw .zip(error)
        }
        do {
            try parser.finish()
        } catch {
            throw .xml(error)
        }
        return produced
    }
}

extension ZipReader {
    /// What an Office package is, as a clerk would call it, when it is not the kind a reader wanted (the one whose
    /// main part is `wanted`): another Office file, an OpenDocument file, or just a zip.
    func packageKind(notHaving wanted: String) -> String {
        let kinds = [
            ("word/document.xml", "Word 文档（.docx）"), ("xl/workbook.xml", "Excel 工作簿（.xlsx）"),
            ("ppt/presentation.xml", "PowerPoint 演示文稿（.pptx）"),
        ]
        for (part, kind) in kinds where part != wanted && entry(part) != nil { return kind }
        if entry("content.xml") != nil, entry("mimetype") != nil { return "OpenDocument 文件（.odt、.ods 等）" }
        return "压缩包（zip）"
    }
}
