import ArgumentParser
import Foundation
import GongkaiExtract
import GongkaiModel
import GongkaiOutput
import GongkaiScreen

struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Screen files for personal data and wrong or sensitive wording (错敏词) before they are published.",
        discussion: """
            Any file Gongkai reads — text, HTML, Word, PDF — is screened for 居民身份证号码 (18 digits with the \
            GB 11643 check digit and a real birth date, and old 15-digit numbers), mobile numbers, a person's \
            landline, bank card numbers (Luhn), passport numbers, personal e-mail addresses, detailed home \
            addresses and natural persons' names in the fields of penalty and licensing decisions (当事人, 姓名, \
            法定代表人 …), and for the built-in list of wrong or sensitive wording (see Docs/screening.md). An \
            organisation's 统一社会信用代码 is shown as a notice. Partly masked numbers (3201**********1234), an \
            office's published numbers (咨询电话, 监督电话 …) and gov.cn mailboxes are not hits.

            Each hit is one line: file:line:column, 错误 or 提示, the kind, the matched text, what is wrong and what \
            to write instead (the masked form, or the right wording).

            --words FILE adds the administrator's list (tab-separated: 错误写法, 正确写法, 类别, 依据, and \
            optionally 级别, 条件, 例外); a line whose 正确写法 is - waives the built-in entry.

            Exit status: 0 when no file has an error (notices alone do not count), 1 when something must be fixed, \
            2 when a file or the word list could not be read.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Files in any format Gongkai reads; - reads standard input.")
    var files: [String]

    @Option(name: .shortAndLong, help: "Output format: text (for people) or json.")
    var format: Format = .text

    @Option(help: "A word list (tab-separated) adding to or waiving entries of the built-in list.")
    var words: String?

    func run() throws {
        let list = try wordList()
        var results: [FileResult] = []
        var unreadable = false
        var errorsFound = false
        for path in InputFile.expandingFolders(files) {
            switch Self.screen(path, words: list) {
            case .success(let hits):
                results.append(FileResult(file: path, hits: hits, error: nil))
                if hits.contains(where: { $0.severity == .error }) { errorsFound = true }
                if format == .text { printText(path, hits) }
            case .failure(let error):
                unreadable = true
                results.append(FileResult(file: path, hits: [], error: error.message))
                printError("gongkai: \(path): \(error.message)")
            }
        }
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(results) + Data("\n".utf8))
        }
        if unreadable { throw ExitCode(2) }
        if errorsFound { throw ExitCode(1) }
    }

    /// One file's hits, as `--format json` writes them.
    struct FileResult: Encodable {
        var file: String
        var hits: [ScreeningHit]
        var error: String?
    }

    /// The built-in list with the administrator's file added, or exit status 2 when the file cannot be used.
    func wordList() throws -> WordList {
        guard let words else { return .builtIn }
        guard let data = FileManager.default.contents(atPath: words) else {
            printError("gongkai: \(words)：文件不存在或无法读取。")
            throw ExitCode(2)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            printError("gongkai: \(words)：不是 UTF-8 文本；请以 UTF-8 编码保存词表。")
            throw ExitCode(2)
        }
        do {
            return WordList.builtIn.adding(try WordList(parsing: text))
        } catch {
            printError("gongkai: \(words)：\(error)")
            throw ExitCode(2)
        }
    }

    /// The file's text as Gongkai extracts it, screened; each hit's line is the file's line (for HTML, Word and
    /// PDF: the extracted line's number, as `gongkai extract` shows it).
    static func screen(_ path: String, words: WordList) -> Result<[ScreeningHit], InputError> {
        let data: Data
        switch InputFile(path: path).bytes() {
        case .success(let bytes): data = bytes
        case .failure(let error): return .failure(error)
        }
        let document: ExtractedDocument
        do {
            document = try DocumentExtractor.extract(data, name: path)
        } catch {
            return .failure(InputError(error.description))
        }
        let lines = document.lines.map(\.text)
        var hits = Screening.screen(lines.joined(separator: "\n"), words: words)
        for index in hits.indices {
            let line = hits[index].line - 1
            if document.lines.indices.contains(line) { hits[index].line = document.lines[line].number }
        }
        return .success(hits)
    }

    func printText(_ path: String, _ hits: [ScreeningHit]) {
        for hit in hits {
            print(TerminalText.line(Self.line(hit, file: path)))
        }
        let (errors, notices) = Screening.counts(hits)
        if !hits.isEmpty {
            printError("gongkai: \(path)：错误 \(errors) 处，提示 \(notices) 处。")
        }
    }

    /// `file:12:5: 错误 [身份证号码] 「…」 message → suggestion`.
    static func line(_ hit: ScreeningHit, file: String) -> String {
        let fix =
            hit.kind == .wording ? "改为「\(hit.suggestion)」" : hit.kind == .creditCode ? "" : "遮盖为 \(hit.suggestion)"
        return "\(file):\(hit.line):\(hit.column): \(hit.severity.chineseName) [\(hit.kind.chineseName)] 「\(hit.text)」 "
            + hit.message + (fix.isEmpty ? "" : " → " + fix) + (hit.basis.map { "（依据：\($0)）" } ?? "")
    }
}

/// The screening of a report's own text that `gongkai render` prints before it writes.
enum ReportScreening {
    /// One line per hit: for a report read from a text source, its file's line and column; for a data file, the part
    /// of the report (标题, 引言, 第二部分 …) and the line within it.
    static func lines(_ report: AnnualReport, name: String) -> [String] {
        if !report.source.lines.isEmpty {
            return Screening.screen(report.source.lines.joined(separator: "\n")).map {
                ScreenCommand.line($0, file: name)
            }
        }
        var parts: [(place: String, text: String)] = []
        if let title = report.title { parts.append(("标题", title)) }
        if let agency = report.agency { parts.append(("机关名称", agency)) }
        if !report.introduction.isEmpty { parts.append(("引言", report.introduction)) }
        for section in report.sections {
            let number = section.printedNumber ?? section.kind.number
            let place = number.map { "第\(chineseNumeral($0))部分「\(section.title)」" } ?? "「\(section.title)」"
            parts.append((place + "标题", section.title))
            parts.append((place, section.text))
        }
        var lines: [String] = []
        for part in parts {
            for hit in Screening.screen(part.text) {
                let fix = ScreenCommand.line(hit, file: "").drop { $0 != " " }
                lines.append("\(name): \(part.place)第\(hit.line)行第\(hit.column)列:\(fix)")
            }
        }
        return lines
    }

    static func chineseNumeral(_ number: Int) -> String {
        let digits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        return number >= 0 && number <= 10 ? digits[number] : String(number)
    }
}
