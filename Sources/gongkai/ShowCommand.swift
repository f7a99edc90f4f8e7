import ArgumentParser
import GongkaiModel
import GongkaiOutput
import GongkaiStore

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show an agency's stored reports, their figures and their findings.",
        discussion: """
            Without --year: one line per year (version, format, file, counts of findings, cross-year ones \
            included) and the cross-year findings. With --year: tables 二, 三 and 四 of that year's report, its main \
            figures against the year before (when that year is stored), and all its findings.
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
        let store = try store.open(readOnly: true)
        let found = try storeRequest { try resolve(agency, in: store) }
        let reports = try storeRequest {
            try store.reports(agencyID: found.id ?? 0, year: year, allVersions: allVersions)
        }
        var header = found.name
        if let code = found.regionCode {
            let region = try? store.region(code)
            header += "（" + (region.map { "\($0.name)，" } ?? "") + "地区代码 \(code)）"
        }
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
                        + " — " + Self.counts(stored.findings)
                )
            )
            if let year {
                print(TableText.render(stored.annualReport), terminator: "")
                print("")
                if record.status == .current {
                    let before = try storeRequest {
                        try store.reports(agencyID: found.id ?? 0, year: year - 1, allVersions: false)
                    }
                    if let last = before.last {
                        print(TableText.comparison(stored.annualReport, last.annualReport, year: year))
                    } else {
                        print("\(year - 1)年度的报告未入库，无法与上年比较。")
                    }
                    print("")
                }
            }
            for finding in stored.findings where year != nil || finding.scope == .crossYear {
                print("  " + TerminalText.line(Self.line(finding)))
            }
        }
    }

    static func line(_ finding: FindingRecord) -> String {
        let severity = Severity(rawValue: finding.severity)?.chinese ?? finding.severity
        let place = finding.line.map { line in "（第\(line)行" + (finding.col.map { "第\($0)列" } ?? "") + "）" } ?? ""
        let scope = finding.scope == .crossYear ? "跨年度 " : ""
        return "\(severity) [\(finding.code)] \(scope)\(finding.message)\(place)"
    }

    /// 「0 个错误，2 个警告（其中跨年度 1 个），1 个提示」: every finding stored with the report, its own and those
    /// against the year before.
    static func counts(_ findings: [FindingRecord]) -> String {
        Severity.allCases.map { severity in
            let matching = findings.filter { $0.severity == severity.rawValue }
            let crossYear = matching.filter { $0.scope == .crossYear }.count
            return "\(matching.count) 个\(severity.chinese)" + (crossYear > 0 ? "（其中跨年度 \(crossYear) 个）" : "")
        }.joined(separator: "，")
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
