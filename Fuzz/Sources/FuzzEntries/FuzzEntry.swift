public import Foundation
import GongkaiCheck
import GongkaiExtract
import GongkaiForm
import GongkaiModel
import GongkaiOutput
import GongkaiRead
import GongkaiScreen
import GongkaiWrite

/// What each fuzz target does with one input: the reading, checking and writing the command line does, and the
/// properties its outputs must have whatever the input. The regression tests in Tests/GongkaiTests run every kept
/// input through this same file.
public enum FuzzEntry {
    /// The fuzz targets, named as the folders of their seeds and kept inputs.
    public enum Target: String, CaseIterable, Sendable {
        /// Bytes read as text: the whole pipeline, from the sniffing of the encoding on.
        case text
        /// An HTML page.
        case html
        /// A zip as it is, or Word parts (`document.xml`, then `numbering.xml` and `styles.xml` after NUL bytes)
        /// packed into one, so that mutations reach the XML rather than compressed bytes with a stale checksum.
        case docx
        /// The XHTML of `pdftotext -bbox-layout`, laid out as the PDF reader does after poppler has run.
        case pdfLayout = "pdf-layout"
        /// A data file (YAML or JSON) as `gongkai check` and `gongkai render --fill-totals` read it.
        case data
        /// A form as a browser posts it to the web application: the first line is the `Content-Type` header, the rest
        /// the body, parsed as an upload is.
        case form
        /// Text screened before publishing (personal data, 错敏词) and masked as 一键脱敏 masks it.
        case screen
    }

    /// What one input gave: every writer's output for a report, or the reason it could not be read.
    public struct Outcome: Equatable, Sendable {
        public var outputs: [String]
    }

    /// libFuzzer's callback: runs one input and returns 0 (a failed property stops the process).
    public static func fuzz(_ target: Target, _ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
        _ = run(target, bytes.map { Data(bytes: $0, count: count) } ?? Data())
        return 0
    }

    /// Runs one input through the target; nil when the input is not one the target reads (a PDF or an OLE file given
    /// to the text target would start poppler or LibreOffice).
    public static func run(_ target: Target, _ data: Data) -> Outcome? {
        switch target {
        case .text:
            switch SourceFormatSniffer.sniff(data) {
            case .text, .binary: return outcome { try ReportReader.read(data, name: "fuzz.txt") }
            case .html, .pdf, .zip, .oleCompound: return nil
            }
        case .html:
            guard SourceFormatSniffer.sniff(data) == .html else { return nil }
            return outcome { try ReportReader.read(data, name: "fuzz.html") }
        case .docx:
            let zip = SourceFormatSniffer.sniff(data) == .zip ? data : StoredZip.word(parts: data)
            return outcome { try ReportReader.read(zip, name: "fuzz.docx") }
        case .pdfLayout:
            return outcome { try ReportReader.read(try PDFExtractor.document(bboxLayout: data, name: "fuzz.pdf")) }
        case .data:
            // As the command line reads a data file: UTF-8 or not at all.
            guard let text = String(data: data, encoding: .utf8) else { return nil }
            var report: AnnualReport
            do {
                report = try ReportDataFile.load(text, name: "fuzz.yaml")
            } catch {
                return Outcome(outputs: [error.description])
            }
            var outputs = written(report)
            TotalsFiller.fill(&report)
            outputs += written(report)
            return Outcome(outputs: outputs)
        case .form:
            return form(data)
        case .screen:
            return screen(String(decoding: data, as: UTF8.self))
        }
    }

    /// Every hit of the screening lies inside the text and is the text there; masking replaces exactly the
    /// personal-data errors, and keeps the length in characters of an identity or passport number (and the digits of
    /// a mobile or a card) as Docs/screening.md says.
    static func screen(_ text: String) -> Outcome {
        let hits = Screening.screen(text)
        let bytes = Array(text.utf8)
        var outputs: [String] = []
        for hit in hits {
            precondition(
                0 <= hit.utf8Start && hit.utf8Start < hit.utf8End && hit.utf8End <= bytes.count,
                "a hit's range lies outside the text"
            )
            precondition(
                String(decoding: bytes[hit.utf8Start..<hit.utf8End], as: UTF8.self) == hit.text,
                "a hit's text is not the text at its range"
            )
            precondition(hit.line >= 1 && hit.column >= 1, "a hit's line and column count from 1")
            switch hit.kind {
            case .idNumber, .passport:
                precondition(hit.suggestion.count == hit.text.count, "a masked number keeps its length")
            case .mobile:
                precondition(hit.suggestion.count == 11, "a masked mobile keeps its eleven digits")
            case .bankCard:
                precondition(
                    hit.suggestion.count == hit.text.filter(\.isASCII).filter(\.isNumber).count,
                    "a masked card keeps its digits"
                )
            default: break
            }
            outputs.append("\(hit.kind.rawValue)\t\(hit.utf8Start)\t\(hit.utf8End)\t\(hit.suggestion)")
        }
        let masked = Screening.mask(text, hits)
        var cursor = 0
        var expected = 0
        let maskable = hits.filter { $0.kind.isPersonalData && $0.severity == .error }.sorted {
            $0.utf8Start < $1.utf8Start
        }
        for hit in maskable where hit.utf8Start >= cursor {
            expected += hit.suggestion.utf8.count - (hit.utf8End - hit.utf8Start)
            cursor = hit.utf8End
        }
        precondition(masked.utf8.count == bytes.count + expected, "masking replaces exactly the personal-data errors")
        outputs.append(masked)
        return Outcome(outputs: outputs)
    }

    /// The parts of a form, each of them bytes of the body, or why the form was refused.
    static func form(_ data: Data) -> Outcome {
        let lineEnd = data.firstIndex(of: UInt8(ascii: "\n")) ?? data.endIndex
        let header = String(decoding: data[data.startIndex..<lineEnd], as: UTF8.self)
        let body = lineEnd < data.endIndex ? Data(data[(lineEnd + 1)...]) : Data()
        guard let boundary = MultipartForm.boundary(contentType: header) else {
            return Outcome(outputs: ["no boundary"])
        }
        let form: MultipartForm
        do {
            form = try MultipartForm(body, boundary: boundary)
        } catch {
            return Outcome(outputs: [error.message])
        }
        var outputs: [String] = []
        for part in form.parts {
            precondition(
                part.bytes.isEmpty || body.range(of: part.bytes) != nil,
                "a part's bytes are not bytes of the body"
            )
            outputs.append("\(part.name)\t\(part.fileName ?? "-")\t\(part.bytes.count)")
        }
        return Outcome(outputs: outputs)
    }

    /// A read report's outputs, or the reason it could not be read.
    static func outcome(_ read: () throws -> AnnualReport) -> Outcome {
        do {
            return Outcome(outputs: written(try read()))
        } catch {
            return Outcome(outputs: [String(describing: error)])
        }
    }

    /// What `check`, `parse` (JSON, CSV, text) and `render` (HTML, Markdown) write for a report.
    static func written(_ report: AnnualReport) -> [String] {
        let findings = ReportChecker.check(report)
        let json = ReportJSON.object(report, findings: findings)
        let csv = ReportCSV.document([report])
        requireJSON(json)
        requireCSV(csv, fields: ReportCSV.header.count)
        return [
            json, csv, TableText.render(report), DiagnosticText.render(report, findings: findings),
            ReportHTML.render(report), ReportMarkdown.render(report),
        ]
    }

    /// Stops when `gongkai parse` would write JSON that a JSON parser refuses.
    static func requireJSON(_ json: String) {
        do {
            _ = try JSONSerialization.jsonObject(with: Data(json.utf8))
        } catch {
            preconditionFailure("invalid JSON (\(error)): \(json.prefix(2000))")
        }
    }

    /// Stops when a record of the CSV does not have `fields` fields (RFC 4180: quoted fields may hold commas, quotes
    /// doubled, and line breaks).
    static func requireCSV(_ csv: String, fields: Int) {
        var count = 1
        var quoted = false
        var record = 1
        var previous: UInt8 = 0
        for byte in csv.utf8 {
            switch byte {
            case UInt8(ascii: "\""):
                quoted.toggle()
            case UInt8(ascii: ",") where !quoted:
                count += 1
            case UInt8(ascii: "\n") where !quoted:
                precondition(count == fields, "CSV record \(record) has \(count) fields, not \(fields): \(csv)")
                count = 1
                record += 1
            default:
                break
            }
            previous = byte
        }
        precondition(!quoted && previous == UInt8(ascii: "\n"), "CSV ends inside a record: \(csv)")
    }
}
