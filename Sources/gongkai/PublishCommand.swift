import ArgumentParser
import Foundation
import GongkaiExtract
import GongkaiModel
import GongkaiOutput
import GongkaiPublish
import GongkaiRegister
import GongkaiScreen
import GongkaiStore

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Proactive items (主动公开) through 三审: draft, 初审, 复审, 终审, publish.",
        discussion: """
            A clerk of the agency (duty 登记员) drafts an item and submits it; a 初审, a 复审 and a 终审 reviewer of \
            the agency (gongkai user grant NAME --duty 初审 --agency A) approve it in turn, or return it with a \
            reason. Nobody reviews an item they drafted, nor at two levels. Every submission and approval screens the \
            text (personal data, 错敏词); 终审 is refused while an error is neither fixed nor waived with a reason. \
            Publishing records the date; a published 规章 or 行政规范性文件 is the register's document (表二) and is \
            flagged when published more than 20 working days after its 成文日期 (条例第二十六条).

            Exit status: 0 success; 1 an action refused (the reason is printed); 2 the database or a file cannot be \
            used; 64 the command line itself is wrong.

            Examples:
              gongkai publish draft --agency 某某市司法局 --as 王芳 --title 关于…的通知 --category 1 \\
                --counts-as 规范性文件 --number 某司发〔2026〕3号 --written 2026-03-02 --file notice.docx
              gongkai publish submit 2026-0001 --agency 某某市司法局 --as 王芳
              gongkai publish approve 2026-0001 --agency 某某市司法局 --as 李明
              gongkai publish publish 2026-0001 --on 2026-03-20 --agency 某某市司法局 --as 王芳
            """,
        subcommands: [
            PublishDraft.self, PublishSubmit.self, PublishApprove.self, PublishReturn.self, PublishWaive.self,
            PublishMask.self, PublishPublish.self, PublishShow.self, PublishList.self,
        ]
    )
}

/// The options every publish command takes: the database, the agency and who acts.
struct PublishOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions

    @Option(help: "The agency: its name or an alias.")
    var agency: String

    @Option(name: .customLong("as"), help: "The user acting; the user's duties for the agency are checked.")
    var user: String

    func validate() throws {
        if user.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--as 不能为空。") }
    }

    /// Opens the store and finds the agency and the acting user's roles in it.
    func open() throws -> (store: any ReportStore, agencyID: Int64, actor: PublishActor) {
        let store = try store.open()
        guard let agency = try store.agency(named: agency), let agencyID = agency.id else {
            printError("gongkai: 未找到机关「\(self.agency)」；可用 gongkai agency search 查找。")
            throw ExitCode(1)
        }
        return (store, agencyID, try store.publishActor(userName: user, agencyID: agencyID))
    }

    /// Acts on an item and prints what it is now.
    func act(
        _ key: String,
        _ change: @escaping (inout ProactiveItem, PublishActor, WordList, WorkingCalendar) throws(PublishError) -> Void
    ) throws {
        let saved = try publishRequest {
            let (store, agencyID, actor) = try open()
            let words = try store.screeningWords(agencyID: agencyID)
            let calendar = try store.workingCalendar()
            return try store.actOnItem(agencyID: agencyID, key: key, by: actor.name, calendar: calendar) {
                (item: inout ProactiveItem) throws(PublishError) in
                try change(&item, actor, words, calendar)
            }
        }
        for line in PublishText.summary(saved.value) { print(TerminalText.line(line)) }
    }
}

/// Runs a publishing request: a refused action, or an unknown user, prints the reason and ends with status 1.
func publishRequest<T>(_ body: () throws -> T) throws -> T {
    try registerRequest {
        do {
            return try body()
        } catch let error as PublishingError {
            printError("gongkai: \(error.description)")
            throw ExitCode(1)
        } catch StoreError.userNotFound(let name) {
            printError("gongkai: 没有用户「\(name)」；用户由 gongkai user add 添加。")
            throw ExitCode(1)
        }
    }
}

enum PublishText {
    static func category(_ text: String) throws -> ProactiveCategory {
        let cases = ProactiveCategory.allCases
        if let number = Int(text), cases.indices.contains(number - 1) { return cases[number - 1] }
        if let found = cases.first(where: { $0.rawValue == text || $0.chinese == text || $0.item == text }) {
            return found
        }
        let list = cases.enumerated().map { "\($0.offset + 1) \($0.element.chinese)" }.joined(separator: "；")
        throw ValidationError("--category 的值「\(text)」无效，应为第二十条的项号 1–15：\(list)")
    }

    static func countsAs(_ text: String) throws -> NormativeKind {
        switch text {
        case "规章", "rules": return .rules
        case "规范性文件", "行政规范性文件", "normative": return .normative
        default: throw ValidationError("--counts-as 的值「\(text)」无效，应为 规章、规范性文件 之一。")
        }
    }

    static func summary(_ item: ProactiveItem) -> [String] {
        var lines = ["\(item.id)《\(item.title)》：\(item.stage.chinese)"]
        let (errors, notices) = Screening.counts(item.screening)
        lines.append("筛查：错误 \(errors) 处（未处理 \(item.unresolved.count) 处），提示 \(notices) 处")
        if let late = item.lateNotice { lines.append("逾期公开：\(late)") }
        return lines
    }

    static func time(_ seconds: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}

struct PublishDraft: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Draft a new item from a text or a file (Word, PDF, HTML, text)."
    )

    @Option(help: "Its title.")
    var title: String

    @Option(help: "Its category: the item of 条例第二十条, 1–15 (1: 行政法规、规章和规范性文件).")
    var category: String

    @Option(help: "The 表二 row it counts in once published: 规章 or 规范性文件 (category 1 only).")
    var countsAs: String?

    @Option(help: "Its document number (文号), for a 规章 or 规范性文件.")
    var number: String?

    @Option(help: "The day it was written (成文日期), for a 规章 or 规范性文件.")
    var written: String?

    @Option(help: "The text itself.")
    var text: String?

    @Option(help: "A file holding the text (kept as the item's attachment).")
    var file: String?

    @OptionGroup var options: PublishOptions

    func validate() throws {
        _ = try PublishText.category(category)
        if let countsAs { _ = try PublishText.countsAs(countsAs) }
        if let written { _ = try RegisterWords.date(written, option: "--written") }
        guard (text == nil) != (file == nil) else { throw ValidationError("请给出 --text 或 --file 之一。") }
    }

    func run() throws {
        var body = text ?? ""
        var attachment: (ItemAttachment, Data)?
        if let file {
            let data: Data
            switch InputFile(path: file).bytes() {
            case .success(let bytes): data = bytes
            case .failure(let error):
                printError("gongkai: \(error.message)")
                throw ExitCode(2)
            }
            do {
                body = try DocumentExtractor.extract(data, name: file).lines.map(\.text).joined(separator: "\n")
            } catch {
                printError("gongkai: \(file)：\(error.description)")
                throw ExitCode(2)
            }
            attachment = (ItemAttachment(name: URL(fileURLWithPath: file).lastPathComponent, size: data.count), data)
        }
        let text = body
        let saved = try publishRequest {
            let (store, agencyID, actor) = try options.open()
            let item: ProactiveItem
            do {
                item = try ProactiveItem(
                    title: title,
                    category: try PublishText.category(category),
                    countsAs: try countsAs.map(PublishText.countsAs),
                    text: text,
                    attachment: attachment?.0,
                    number: number,
                    written: try written.map { try RegisterWords.date($0, option: "--written") },
                    by: actor,
                    at: Date(),
                    words: try store.screeningWords(agencyID: agencyID)
                )
            } catch let error as PublishError {
                throw PublishingError.refused(error)
            }
            return try store.addItem(
                item,
                agencyID: agencyID,
                attachment: attachment?.1,
                by: actor.name,
                today: .today(),
                calendar: try store.workingCalendar()
            )
        }
        for line in PublishText.summary(saved.value) { print(TerminalText.line(line)) }
    }
}

struct PublishSubmit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "submit", abstract: "Send a draft to 初审.")
    @Argument(help: "The item's number.") var key: String
    @OptionGroup var options: PublishOptions

    func run() throws {
        try options.act(key) { (item, actor, words, _) throws(PublishError) in
            try item.submit(by: actor, at: Date(), words: words)
        }
    }
}

struct PublishApprove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve an item at the level waiting for it (初审, 复审 or 终审)."
    )
    @Argument(help: "The item's number.") var key: String
    @OptionGroup var options: PublishOptions

    func run() throws {
        try options.act(key) { (item, actor, words, _) throws(PublishError) in
            try item.approve(by: actor, at: Date(), words: words)
        }
    }
}

struct PublishReturn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "return",
        abstract: "Send an item back to its drafters, with a reason."
    )
    @Argument(help: "The item's number.") var key: String
    @Option(help: "Why it goes back.") var reason: String
    @OptionGroup var options: PublishOptions

    func run() throws {
        try options.act(key) { (item, actor, _, _) throws(PublishError) in
            try item.returnToDraft(reason: reason, by: actor, at: Date())
        }
    }
}

struct PublishWaive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waive",
        abstract: "Let a screening error stand, with a reason (a reviewer at the level waiting)."
    )
    @Argument(help: "The item's number.") var key: String
    @Option(help: "The hit's number as publish show lists it.") var hit: Int
    @Option(help: "Why it stands.") var reason: String
    @OptionGroup var options: PublishOptions

    func run() throws {
        try options.act(key) { (item, actor, _, _) throws(PublishError) in
            try item.waive(hitAt: hit - 1, reason: reason, by: actor, at: Date())
        }
    }
}

struct PublishMask: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mask",
        abstract: "Mask every piece of personal data in a draft (一键脱敏)."
    )
    @Argument(help: "The item's number.") var key: String
    @OptionGroup var options: PublishOptions

    func run() throws {
        try options.act(key) { (item, actor, words, _) throws(PublishError) in
            try item.maskPersonalData(by: actor, at: Date(), words: words)
        }
    }
}

struct PublishPublish: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Record the publication of an item approved at 终审."
    )
    @Argument(help: "The item's number.") var key: String
    @Option(help: "The day it was published (default: today).") var on: String?
    @OptionGroup var options: PublishOptions

    func validate() throws { if let on { _ = try RegisterWords.date(on, option: "--on") } }

    func run() throws {
        let day = try on.map { try RegisterWords.date($0, option: "--on") } ?? .today()
        try options.act(key) { (item, actor, _, calendar) throws(PublishError) in
            try item.publish(on: day, by: actor, at: Date(), calendar: calendar)
        }
    }
}

struct PublishShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "An item: its stage, screening hits, approvals and history."
    )
    @Argument(help: "The item's number.") var key: String
    @OptionGroup var store: StoreOptions
    @Option(help: "The agency: its name or an alias.") var agency: String

    func run() throws {
        let item = try publishRequest { () throws -> ProactiveItem in
            let store = try store.open()
            guard let agencyID = try store.agency(named: agency)?.id,
                let item = try store.item(agencyID: agencyID, key: key)
            else { throw PublishingError.notFound(key: key) }
            return item.value
        }
        var lines = PublishText.summary(item)
        lines.append("类别：\(item.category.item) \(item.category.chinese)")
        if let kind = item.countsAs {
            lines.append("计入表二：\(kind.chinese)，文号 \(item.number ?? "—")，成文日期 \(item.written?.chinese ?? "—")")
        }
        if let attachment = item.attachment { lines.append("附件：\(attachment.name)（\(attachment.size) 字节）") }
        for (index, hit) in item.screening.enumerated() {
            let waiver = item.waiver(forHitAt: index).map { "（已说明理由：\($0.reason)，\($0.by)）" } ?? ""
            lines.append(
                "  \(index + 1). \(hit.line):\(hit.column) \(hit.severity.chineseName) [\(hit.kind.chineseName)] "
                    + "「\(hit.text)」 \(hit.message) → \(hit.suggestion)\(waiver)"
            )
        }
        lines.append("正文：")
        lines += item.text.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }
        lines.append("经过：")
        for step in item.history {
            let level = step.level.map { "（\($0.chinese)）" } ?? ""
            lines.append(
                "  \(PublishText.time(step.at)) \(step.by) \(step.action.chinese)\(level)"
                    + (step.note.map { "：\($0)" } ?? "") + " → \(step.to.chinese)"
            )
        }
        for line in lines { print(TerminalText.line(line)) }
    }
}

struct PublishList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "An agency's items and their stages."
    )
    @OptionGroup var store: StoreOptions
    @Option(help: "The agency: its name or an alias.") var agency: String
    @Flag(help: "Only published items.") var published = false

    func run() throws {
        let items = try publishRequest {
            let store = try store.open()
            guard let agencyID = try store.agency(named: agency)?.id else {
                printError("gongkai: 未找到机关「\(agency)」。")
                throw ExitCode(1)
            }
            return published
                ? try store.publishedItems(PublishedSelection(agencyIDs: [agencyID]))
                : try store.items(agencyIDs: [agencyID])
        }
        for entry in items {
            let item = entry.value
            let date = item.published.map { " \($0.description)" } ?? ""
            print(TerminalText.line("\(item.id)  \(entry.record.state)\(date)  《\(item.title)》"))
        }
    }
}
