import ArgumentParser
import Foundation
import GongkaiCorpus
import GongkaiOutput
import GongkaiStore

struct AgencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agency",
        abstract: "Agencies of the corpus: search, name aliases, the region tree.",
        discussion: """
            An agency keeps one identity across years whatever variant of its name a report prints: full-width or \
            half-width characters, 「人民政府」 or 「政府」, its region prefix present or not (「包头市青山区司法局」, \
            「青山区司法局」). Other variants are joined by hand with `gongkai agency alias`; a name misread or \
            mistyped is corrected with `gongkai agency rename`.
            """,
        subcommands: [Search.self, Alias.self, Rename.self, ImportRegions.self]
    )

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List agencies whose name or alias contains TEXT.")

        @Argument(help: "Part of a name.")
        var text: String

        @OptionGroup var store: StoreOptions

        func run() throws {
            let found = try storeRequest { try store.open(readOnly: true).searchAgencies(text) }
            for agency in found {
                let fields = [agency.name, agency.regionCode ?? "", agency.listed ? "列入地区表" : ""]
                print(fields.map(TerminalText.line).joined(separator: "\t"))
            }
            if found.isEmpty {
                printError("gongkai: 没有名称含「\(text)」的机关。")
                throw ExitCode(1)
            }
        }
    }

    struct Alias: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make FROM another name of the agency TO; reports stored under FROM move to TO."
        )

        @Argument(help: "The name variant, as reports print it.")
        var from: String

        @Argument(help: "The agency's name as stored (or any name that resolves to it).")
        var to: String

        @OptionGroup var store: StoreOptions

        func run() throws {
            let result = try storeRequest { try store.open().addAlias(from, for: to) }
            var line = "「\(from)」现为「\(result.agency.name)」的别名"
            if result.mergedReports > 0 { line += "，并入 \(result.mergedReports) 份报告" }
            print(TerminalText.line(line + "。"))
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give an agency a corrected name; the old name stays an alias.",
            discussion: """
                For a name misread from a report or mistyped in it: every report, alias and listing of the agency \
                keeps its place, and reports printing the old name still find it. A name that is another agency's \
                is refused: when both are one body, join them with `gongkai agency alias`.
                """
        )

        @Argument(help: "The agency's name as stored (or any name that resolves to it).")
        var current: String

        @Argument(help: "The corrected name.")
        var newName: String

        @OptionGroup var store: StoreOptions

        func run() throws {
            guard !newName.trimmingCharacters(in: .whitespaces).isEmpty,
                !newName.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
            else {
                printError("gongkai: 新名称不能为空，也不能含换行等控制字符。")
                throw ExitCode(64)
            }
            let old = try storeRequest { try resolve(current, in: store.open(readOnly: true)) }
            let renamed = try storeRequest { try store.open().renameAgency(old.name, to: newName) }
            print(TerminalText.line("「\(old.name)」已改名为「\(renamed.name)」；原名称保留为别名。"))
        }
    }

    struct ImportRegions: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-regions",
            abstract: "Import a region tree from CSV: code,name,parent,level.",
            discussion: """
                One region a line (level 省, 市, 县, 区 or any other word), its parent by code. A line with level \
                agency (or 机关) lists an agency that must publish a report, under the region given as its parent; \
                `gongkai missing` lists those without a report for a year. Importing again updates the rows.
                """
        )

        @Argument(help: "The CSV file.")
        var file: String

        @OptionGroup var store: StoreOptions

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("gongkai: \(file): 文件不存在或无法读取。")
                throw ExitCode(2)
            }
            let text = String(decoding: data, as: UTF8.self)
            let summary = try storeRequest {
                try store.open().importRegions(
                    try RegionCSV.parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
                )
            }
            print("导入 \(summary.regions) 个地区、\(summary.agencies) 个机关。")
        }
    }
}
