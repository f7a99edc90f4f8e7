import ArgumentParser
import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiOutput
import GongkaiRegister
import GongkaiStore
import GongkaiWrite

struct RegisterCase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Administrative reviews and suits about disclosure (表四): add one, record its decision.",
        subcommands: [Add.self, Decide.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a review or suit; prints its number.")

        @Option(help: "The agency: its name or an alias.")
        var agency: String

        @Option(help: "行政复议, 直接起诉 (行政诉讼，未经复议) or 复议后起诉.")
        var kind: String

        @Option(help: "The day the review was applied for or the suit filed.")
        var filed: String

        @Option(help: "The 登记号 of the application it concerns, if any.")
        var application: String?

        @Option(help: "For a suit after review: the review's number, if the register holds it.")
        var review: String?

        @Option(help: "The case's number (default: the next of the year, e.g. 2025-0001).")
        var key: String?

        @OptionGroup var options: RegisterOptions

        static func kind(_ text: String) throws -> CaseKind {
            let words: [String: CaseKind] = [
                "行政复议": .review, "复议": .review, "直接起诉": .suitDirect, "行政诉讼": .suitDirect,
                "未经复议直接起诉": .suitDirect, "复议后起诉": .suitAfterReview,
            ]
            if let kind = words[text] ?? CaseKind(rawValue: text) { return kind }
            throw ValidationError("--kind 的值「\(text)」无效，应为 行政复议、直接起诉、复议后起诉 之一。")
        }

        func validate() throws {
            _ = try Self.kind(kind)
            _ = try RegisterWords.date(filed, option: "--filed")
        }

        func run() throws {
            let filedOn = try RegisterWords.date(filed, option: "--filed")
            let saved = try registerRequest {
                let store = try options.store.open()
                let agencyID = try options.agency(agency, in: store).id ?? 0
                if let application, try store.application(agencyID: agencyID, key: application) == nil {
                    throw RegisterError.notFound(.application, key: application)
                }
                let number = try key ?? store.nextKey(agencyID: agencyID, kind: .disclosureCase, year: filedOn.year)
                let item: DisclosureCase
                do {
                    item = try DisclosureCase(
                        id: number,
                        kind: try Self.kind(kind),
                        applicationID: application,
                        reviewID: review,
                        filed: filedOn
                    )
                } catch let error as CaseDateError {
                    throw RegisterError.caseDate(error)
                }
                return try store.saveCase(item, agencyID: agencyID, expecting: nil, by: options.user)
            }
            print(TerminalText.line("已登记\(saved.value.kind.chinese)：编号 \(saved.value.id)（\(saved.record.state)）"))
        }
    }

    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record how a review or suit was decided.")

        @Argument(help: "The case's number.")
        var key: String

        @Option(help: "The agency: its name or an alias.")
        var agency: String

        @Option(help: "The day it was decided.")
        var on: String

        @Option(help: "维持 (upheld), 纠正 (corrected) or 其他 (withdrawn, dismissed, settled).")
        var result: String

        @OptionGroup var options: RegisterOptions

        static func result(_ text: String) throws -> CaseDecisionResult {
            let words: [String: CaseDecisionResult] = [
                "维持": .upheld, "结果维持": .upheld, "纠正": .corrected, "结果纠正": .corrected, "其他": .other,
                "其他结果": .other,
            ]
            if let result = words[text] ?? CaseDecisionResult(rawValue: text) { return result }
            throw ValidationError("--result 的值「\(text)」无效，应为 维持、纠正、其他 之一。")
        }

        func validate() throws {
            _ = try Self.result(result)
            _ = try RegisterWords.date(on, option: "--on")
        }

        func run() throws {
            let decision = CaseDecision(on: try RegisterWords.date(on, option: "--on"), result: try Self.result(result))
            let saved = try registerRequest {
                let store = try options.store.open()
                let agencyID = try options.agency(agency, in: store).id ?? 0
                guard let stored = try store.disclosureCase(agencyID: agencyID, key: key) else {
                    throw RegisterError.notFound(.disclosureCase, key: key)
                }
                var item = stored.value
                do { try item.decide(decision) } catch let error as CaseDateError {
                    throw RegisterError.caseDate(error)
                }
                return try store.saveCase(item, agencyID: agencyID, expecting: stored.record.version, by: options.user)
            }
            print(TerminalText.line("已记录：\(saved.value.id) \(saved.record.state)"))
        }
    }
}

struct RegisterDocument: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "document",
        abstract: "规章 and 行政规范性文件 issued (表二): add one, record its repeal.",
        subcommands: [Add.self, Repeal.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a 规章 or 行政规范性文件 issued.")

        @Option(help: "The agency: its name or an alias.")
        var agency: String

        @Option(help: "规章 or 规范性文件.")
        var kind: String

        @Option(help: "Its document number (文号).")
        var number: String

        @Option(help: "Its title.")
        var title: String

        @Option(help: "The day it was issued.")
        var issued: String

        @Option(help: "Its number in the register (default: the 文号).")
        var key: String?

        @OptionGroup var options: RegisterOptions

        static func kind(_ text: String) throws -> NormativeKind {
            switch text {
            case "规章", "rules": return .rules
            case "规范性文件", "行政规范性文件", "normative": return .normative
            default: throw ValidationError("--kind 的值「\(text)」无效，应为 规章、规范性文件 之一。")
            }
        }

        func validate() throws {
            _ = try Self.kind(kind)
            _ = try RegisterWords.date(issued, option: "--issued")
            if number.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--number 不能为空。") }
        }

        func run() throws {
            let document: NormativeDocument
            do {
                document = try NormativeDocument(
                    id: key ?? number,
                    kind: try Self.kind(kind),
                    number: number,
                    title: title,
                    issued: try RegisterWords.date(issued, option: "--issued")
                )
            } catch let error as DocumentDateError {
                printError("gongkai: \(error.description)")
                throw ExitCode(1)
            }
            let saved = try registerRequest {
                let store = try options.store.open()
                let agencyID = try options.agency(agency, in: store).id ?? 0
                return try store.saveDocument(document, agencyID: agencyID, expecting: nil, by: options.user)
            }
            print(TerminalText.line("已登记\(saved.value.kind.chinese)：\(saved.value.number)《\(saved.value.title)》"))
        }
    }

    struct Repeal: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that a document was repealed or expired.")

        @Argument(help: "The document's number in the register (its 文号 unless given otherwise).")
        var key: String

        @Option(help: "The agency: its name or an alias.")
        var agency: String

        @Option(help: "The day it was repealed or expired.")
        var on: String

        @OptionGroup var options: RegisterOptions

        func validate() throws { _ = try RegisterWords.date(on, option: "--on") }

        func run() throws {
            let day = try RegisterWords.date(on, option: "--on")
            let saved = try registerRequest {
                let store = try options.store.open()
                let agencyID = try options.agency(agency, in: store).id ?? 0
                guard let stored = try store.document(agencyID: agencyID, key: key) else {
                    throw RegisterError.notFound(.document, key: key)
                }
                var document = stored.value
                do { try document.repeal(on: day) } catch let error as DocumentDateError {
                    throw RegisterError.documentDate(error)
                }
                return try store.saveDocument(
                    document,
                    agencyID: agencyID,
                    expecting: stored.record.version,
                    by: options.user
                )
            }
            print(TerminalText.line("已记录：\(saved.value.number) \(saved.record.state)"))
        }
    }
}

struct RegisterCounts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "counts",
        abstract: "The year's decision counts and fees for 表二, entered once a year.",
        subcommands: [Set.self]
    )

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a year's counts (in place of any entered before); a count left out is 0."
        )

        @Option(help: "The agency: its name or an alias.")
        var agency: String

        @Option(help: "The year.")
        var year: Int

        @Option(help: "行政许可 decisions.")
        var licensing: Int = 0

        @Option(help: "行政处罚 decisions.")
        var penalty: Int = 0

        @Option(help: "行政强制 decisions.")
        var coercion: Int = 0

        @Option(help: "行政事业性收费 collected, in 万元 (e.g. 12.35).")
        var fees: String = "0"

        @OptionGroup var options: RegisterOptions

        func validate() throws {
            guard [licensing, penalty, coercion].allSatisfy({ $0 >= 0 }) else {
                throw ValidationError("决定件数不能为负数。")
            }
            guard Self.amount(fees) != nil else {
                throw ValidationError("--fees 的值「\(fees)」应为非负的万元数，如 12.35。")
            }
        }

        static func amount(_ text: String) -> Decimal? {
            guard text.range(of: #"^[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil else { return nil }
            return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        }

        func run() throws {
            let counts = ProactiveCounts(
                year: year,
                licensing: licensing,
                penalty: penalty,
                coercion: coercion,
                feesTenThousandYuan: Self.amount(fees) ?? 0
            )
            _ = try registerRequest {
                let store = try options.store.open()
                let agencyID = try options.agency(agency, in: store).id ?? 0
                return try store.saveCounts(counts, agencyID: agencyID, by: options.user)
            }
            print(
                "已填报\(year)年：行政许可\(licensing)件，行政处罚\(penalty)件，行政强制\(coercion)件，行政事业性收费\(fees)万元。"
            )
        }
    }
}

struct RegisterCompile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile a year's report from the register into the data file gongkai render and check take.",
        discussion: """
            Every figure of 表二, 表三 and 表四 is counted from the register's records, so that the form's \
            arithmetic holds. The data file's text parts start with the counts; write the rest (part 五 must be \
            written), then gongkai check and gongkai render it. The findings of gongkai check on the compiled file \
            are printed; exit status 1 if there are errors.
            """
    )

    @Option(help: "The agency: its name or an alias.")
    var agency: String

    @Option(help: "The report's year (2021 or later).")
    var year: Int

    @Option(name: .shortAndLong, help: "Where to write the data file (default: standard output).")
    var output: String?

    @Option(help: "The report's publication date (default: 20 January of the next year).")
    var published: String?

    @Flag(help: "Replace the output file if it exists.")
    var overwrite = false

    @OptionGroup var options: RegisterOptions

    func validate() throws {
        if let published { _ = try RegisterWords.date(published, option: "--published") }
    }

    func run() throws {
        if let output, !overwrite, FileManager.default.fileExists(atPath: output) {
            printError("gongkai: \(output) 已存在；要替换请加 --overwrite。")
            throw ExitCode(2)
        }
        let publication = try published.map { try RegisterWords.date($0, option: "--published") }
        let compiled = try registerRequest {
            let store = try options.store.open(readOnly: true)
            let found = try options.agency(agency, in: store)
            let register = try store.agencyRegister(agencyID: found.id ?? 0, name: found.name)
            do {
                return try RegisterCompiler.compile(
                    register,
                    year: year,
                    calendar: try store.workingCalendar(),
                    publicationDate: publication
                )
            } catch let error as CompileError {
                printError("gongkai: \(error.description)")
                throw ExitCode(2)
            }
        }
        let name = output ?? "\(agency)\(year).yaml"
        if let output {
            do {
                try Data(compiled.dataFile.utf8).write(to: URL(fileURLWithPath: output))
            } catch {
                printError("gongkai: \(output)：无法写入（\(error.localizedDescription)）。")
                throw ExitCode(2)
            }
        } else {
            print(compiled.dataFile, terminator: "")
        }
        let report: AnnualReport
        do {
            report = try ReportDataFile.load(compiled.dataFile, name: name)
        } catch {
            printError("gongkai: 编制出的数据文件无法读回：\(error)")
            throw ExitCode(2)
        }
        let findings = ReportChecker.check(report)
        let text = DiagnosticText.render(
            report,
            findings: findings,
            style: .init(color: false, minimumSeverity: .notice)
        )
        var summary =
            "\(year)年：新收申请\(value(report, "t3.received.total"))件，上年结转\(value(report, "t3.carried_over.total"))件，"
        summary += "办结\(value(report, "t3.total.total"))件，结转下年度\(value(report, "t3.carried_forward.total"))件；"
        summary += "收费通知\(compiled.fees.notices)件，逾期答复\(compiled.lateReplies)件。"
        if output != nil {
            print(TerminalText.line("已写入 \(name)。\(summary)"))
            print(text, terminator: "")
        } else {
            printError(summary)
            printError(text)
        }
        if ReportChecker.hasErrors(findings) { throw ExitCode(1) }
    }

    func value(_ report: AnnualReport, _ id: String) -> Int { report[FigureID(id)]?.integer ?? 0 }
}
