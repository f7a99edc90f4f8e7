import ArgumentParser
import GongkaiModel
import GongkaiOutput
import GongkaiStore

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show an agency's stored reports, their figures and their findings.",
        discussion: """
            Without --year: one line per year (version, format, file, counts of findings) and the cross-year \
            findings. With --year: tables 二, 三 and 四 of that year's report and all its findings.
            """
    )

    @Argument(help: "The agency's name (any variant that resolves to it, or a unique part of it).")
    var agency: String

    @Option(help: "The year of the report to show in full.")
    var year: Int?

    @Flag(help: "Every stored version, not only the current one.")
    var allVersions = false

    @OptionGroup var store: StoreOptions

    func run() throws {
        let store = try store.open()
        let found = try storeRequest { try resolve(agency, in: store) }
        let reports = try storeRequest {
            try store.reports(agencyID: found.id ?? 0, year: year, allVersions: allVersions)
        }
        var header = found.name
        if let region = found.regionCode { header += "（地区 \(region)）" }
        print(TerminalText.line(header))
        if reports.isEmpty {
            print(year.map { "  \($0)年度：没有报告。" } ?? "  没有报告。")
            return
        }
        for stored in reports {
            let record = stored.record
            print("")
            print(
                TerminalText.line(
                    "\(record.year)年度 第\(record.version)版（\(record.status == .current ? "现行" : "已被替换")）"
                        + " \(record.template.map { "\($0)年格式" } ?? "格式未识别") \(record.sourcePath)"
                        + " — \(record.errors) 个错误，\(record.warnings) 个警告，\(record.notices) 个提示"
                )
            )
            if year != nil {
                print(TableText.render(stored.annualReport), terminator: "")
                print("")
            }
            for finding in stored.findings where year != nil || finding.scope == .crossYear {
                print("  " + TerminalText.line(Self.line(finding)))
            }
        }
    }

    static func line(_ finding: FindingRecord) -> String {
        let severity = Severity(rawValue: finding.severity)?.chinese ?? finding.severity
        let place = finding.line.map { line in finding.col.map { ":\(line):\($0)" } ?? ":\(line)" } ?? ""
        let scope = finding.scope == .crossYear ? "跨年度 " : ""
        return
            "\(severity) [\(finding.code)] \(scope)\(finding.message)\(place.isEmpty ? "" : "（第\(place.dropFirst())处）")"
    }
}

/// The agency a name resolves to, or the only agency whose name contains it.
func resolve(_ name: String, in store: any ReportStore) throws -> AgencyRecord {
    if let agency = try store.agency(named: name) { return agency }
    let candidates = try store.searchAgencies(name)
    if candidates.count == 1, let only = candidates.first { return only }
    if candidates.isEmpty { throw StoreError.agencyNotFound(name) }
    printError("gongkai: 「\(name)」可指以下机关，请写全称：")
    for candidate in candidates.prefix(20) { printError("  " + TerminalText.line(candidate.name)) }
    throw ExitCode(1)
}
