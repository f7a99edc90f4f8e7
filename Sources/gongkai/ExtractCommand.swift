import ArgumentParser
import Foundation
import GongkaiExtract
import GongkaiModel
import GongkaiOutput

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the lines and cells Gongkai sees in a file, before it is read as a report.",
        discussion: """
            One line per printed line, paragraph or table row: its number, how its cells were found (tab: cells \
            from tabs, pipes or table markup; spc: words split by spaces or laid out on a page), and its text. With \
            --cells, each cell follows with its place: line:column, and table/row/cell (HTML, Word) or page and box \
            (PDF). Use it to see why a report is read the way it is.

            Exit status: 0, or 2 when the file could not be read.
            """
    )

    @Argument(help: "A report file in any format Gongkai reads; - reads standard input.")
    var file: String

    @Flag(help: "Print every cell with its location.")
    var cells = false

    func run() throws {
        let input = InputFile(path: file)
        let data: Data
        switch input.bytes() {
        case .success(let bytes): data = bytes
        case .failure(let error):
            printError("gongkai: \(file): \(error.message)")
            throw ExitCode(2)
        }
        let document: ExtractedDocument
        do {
            document = try DocumentExtractor.extract(data, name: file)
        } catch {
            printError("gongkai: \(file): \(error.description)")
            throw ExitCode(2)
        }
        for line in document.lines where !line.isBlank {
            let layout = line.layout == .delimited ? "tab" : "spc"
            print("\(line.number)\t\(layout)\t\(TerminalText.line(line.raw))")
            guard cells else { continue }
            for cell in line.cells {
                print("\t\t[\(TerminalText.line(cell.text))] \(place(cell.location))")
            }
        }
    }

    func place(_ location: SourceLocation) -> String {
        var parts = ["\(location.line ?? 0):\(location.column ?? 0)"]
        if let table = location.table { parts.append("表格\(table) 行\(location.row ?? 0) 列\(location.cell ?? 0)") }
        if let page = location.page { parts.append("p\(page)") }
        if let box = location.box {
            parts.append(String(format: "(%.1f, %.1f)–(%.1f, %.1f)", box.x0, box.y0, box.x1, box.y1))
        }
        return parts.joined(separator: " ")
    }
}
