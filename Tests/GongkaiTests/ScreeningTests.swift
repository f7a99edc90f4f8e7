import Foundation
import GongkaiScreen
import Testing

/// Screening for personal data and wrong wording: check digits, each kind of hit, masking, the word lists.
@Suite("screening for personal data and wording")
struct ScreeningTests {
    func hits(_ text: String, words: WordList = .none) -> [ScreeningHit] {
        Screening.screen(text, words: words)
    }

    func kinds(_ text: String) -> [ScreeningKind] {
        hits(text).map(\.kind)
    }

    @Test("GB 11643 check characters: the standard's examples, and each one-off wrong")
    func residentIDCheckDigits() {
        // The examples printed in GB 11643-1999.
        #expect(CheckDigits.isResidentID18("11010519491231002X"))
        #expect(CheckDigits.isResidentID18("11010519491231002x"))
        #expect(CheckDigits.residentIDCheck(Array("44052418800101001".utf8)) == UInt8(ascii: "4"))
        // Born 1880: a right check character, but no living person — not screened for.
        #expect(!CheckDigits.isResidentID18("440524188001010014"))
        for wrong in ["110105194912310020", "110105194912310021", "11010519491231003X", "21010519491231002X"] {
            #expect(!CheckDigits.isResidentID18(wrong), "\(wrong)")
        }
        // A right check character but no such date, and a region that is no province.
        #expect(!CheckDigits.isResidentID18("110105194902301234".dropLast() + "X"))
        #expect(!CheckDigits.isResidentID18("990105194912310023"))
        #expect(CheckDigits.isResidentID15("110105491231002"))
        #expect(!CheckDigits.isResidentID15("110105491331002"))
        #expect(!CheckDigits.isResidentID15("320100000012345"))
    }

    @Test("GB 32100 check characters: published codes, and each one-off wrong")
    func creditCodeCheckCharacters() {
        // GB 32100-2015's example and codes printed on business licences.
        for valid in ["91350100M000100Y43", "914403001922038216", "91330100716105852F", "9144030071526726XG"] {
            #expect(CheckDigits.isCreditCode(valid), "\(valid)")
        }
        for wrong in ["91350100M000100Y44", "914403001922038217", "91330100716105852G", "9144030071526726XH"] {
            #expect(!CheckDigits.isCreditCode(wrong), "\(wrong)")
        }
        // Right check character but the letter I, which the standard does not use, or no province.
        #expect(!CheckDigits.isCreditCode("91350100I000100Y43"))
    }

    @Test("Luhn: published test card numbers, and each one-off wrong")
    func luhn() {
        for valid in ["4111111111111111", "5555555555554444", "6212345678901232", "6011111111111117"] {
            #expect(CheckDigits.passesLuhn(valid), "\(valid)")
        }
        for wrong in ["4111111111111112", "5555555555554445", "6212345678901233"] {
            #expect(!CheckDigits.passesLuhn(wrong), "\(wrong)")
        }
    }

    @Test("identity numbers: 18 and 15 digits found with place and mask; failing ones, longer runs and masked ones not")
    func identityNumbers() throws {
        let text = "当事人：张三\n身份证号码：11010519491231002X，旧号110105491231002。"
        let found = hits(text)
        let id = try #require(found.first { $0.kind == .idNumber })
        #expect(id.text == "11010519491231002X")
        #expect(id.line == 2)
        #expect(id.column == 7)
        #expect(id.severity == .error)
        #expect(id.suggestion == "1101**********002X")
        #expect(Array(text.utf8)[id.utf8Start..<id.utf8End].elementsEqual("11010519491231002X".utf8))
        #expect(found.filter { $0.kind == .idNumber }.map(\.text) == ["11010519491231002X", "110105491231002"])
        #expect(kinds("编号110105194912310023号").isEmpty)
        #expect(kinds("流水A11010519491231002X").isEmpty)
        #expect(kinds("911010519491231002X").isEmpty)
        #expect(kinds("身份证号码3201**********1234").isEmpty)
        // Printed in groups.
        #expect(kinds("身份证：110105 19491231 002X") == [.idNumber])
        // Labelled but the check character is wrong: still a person's number, copied wrong.
        let typo = hits("身份证号码：110105194912310021")
        #expect(typo.map(\.kind) == [.idNumber])
        #expect(typo.first?.message.contains("校验码不符") == true)
    }

    @Test("phones: mobiles in any grouping, a person's landline; an office's published numbers not")
    func phones() {
        #expect(hits("联系电话：13812345678").map(\.suggestion) == ["138****5678"])
        #expect(hits("手机 138 1234 5678").map(\.text) == ["138 1234 5678"])
        #expect(hits("电话：+86 138-1234-5678").map(\.text) == ["+86 138-1234-5678"])
        #expect(hits("电话：１３８１２３４５６７８").map(\.kind) == [.mobile])
        #expect(kinds("单号213812345678").isEmpty)
        #expect(kinds("订单号：13812345678").isEmpty)
        #expect(kinds("手机号码138****5678").isEmpty)
        #expect(kinds("咨询电话：13912345678").isEmpty)
        #expect(kinds("监督电话：025-83456789，传真：（025）83456780").isEmpty)
        #expect(kinds("如有疑问请与区政府办公室联系，电话：025-83456789，电子邮箱：gkb@163.com。").isEmpty)
        // A landline is a person's in the particulars, or labelled so.
        #expect(kinds("当事人：李四，男\n住宅电话：0512-68881234") == [.personName, .landline])
        #expect(kinds("当事人：李四，男，固定电话：025-83456789") == [.personName, .landline])
        #expect(kinds("本局办公电话：025-83456789") == [])
        #expect(kinds("当事人：李四，联系电话：025-83456789（区政府信息公开办公室）") == [.personName])
    }

    @Test("bank cards need Luhn and an issuer's prefix or a card label; the collecting office's account is no hit")
    func bankCards() {
        #expect(hits("银行卡号：6212 3456 7890 1232").map(\.suggestion) == ["************1232"])
        #expect(kinds("卡号 4111111111111111") == [.bankCard])
        #expect(kinds("号码6212345678901233").isEmpty)
        #expect(kinds("非税收入缴款账号：6212345678901232").isEmpty)
        #expect(kinds("订单号：6212345678901232").isEmpty)
    }

    @Test("passports, e-mail addresses and 统一社会信用代码")
    func passportsMailAndCodes() {
        #expect(hits("护照号码：E12345678").map(\.suggestion) == ["E******78"])
        #expect(kinds("护照：P1234567") == [.passport])
        #expect(kinds("型号P1234567").isEmpty)
        #expect(hits("邮箱：zhangsan@163.com").map(\.suggestion) == ["z***@163.com"])
        #expect(kinds("邮箱：xxgk@nanjing.gov.cn").isEmpty)
        #expect(kinds("投诉邮箱：tousu@163.com").isEmpty)
        #expect(kinds("邮箱：z***@163.com").isEmpty)
        let code = hits("统一社会信用代码：91350100M000100Y43")
        #expect(code.map(\.kind) == [.creditCode])
        #expect(code.first?.severity == .notice)
    }

    @Test("home addresses after their labels and flat numbers after a road; an office's and a company's seat not")
    func addresses() {
        let labelled = hits("当事人：王五\n住址：南京市玄武区北京东路41号3栋502室，")
        #expect(labelled.map(\.kind) == [.personName, .address])
        #expect(labelled.last?.text == "南京市玄武区北京东路41号3栋502室")
        #expect(labelled.last?.suggestion == "南京市玄武区北京东路****")
        #expect(hits("户籍地：扬州市江都区丁沟街道幸福村3组18号").map(\.kind) == [.address])
        #expect(hits("信访人王某某，家住幸福路18号2幢301室，来信反映").map(\.text) == ["幸福路18号2幢301室"])
        #expect(kinds("住址：南京市").isEmpty)
        #expect(kinds("住址：南京市玄武区**路**号").isEmpty)
        #expect(kinds("地址：南京市汉中路1号政务服务中心3楼301室").isEmpty)
        #expect(kinds("当事人：南京恒达贸易有限公司\n住所：南京市鼓楼区中山北路8号101室").isEmpty)
    }

    @Test("names after the labels of decisions; organisations, masked names and representatives of a company")
    func names() {
        #expect(hits("当事人：张三，男，汉族").map(\.suggestion) == ["张某"])
        #expect(hits("法定代表人（负责人）：欧阳明华").map(\.suggestion) == ["欧阳某"])
        #expect(hits("姓名\t买买提·艾力\t性别\t男").map(\.text) == ["买买提·艾力"])
        #expect(kinds("当事人：南京恒达贸易有限公司").isEmpty)
        #expect(kinds("当事人：好又多超市").isEmpty)
        #expect(kinds("申请人：苏州同心农机专业合作社").isEmpty)
        #expect(kinds("当事人：张某").isEmpty)
        #expect(kinds("当事人：张某某").isEmpty)
        #expect(kinds("当事人：张**").isEmpty)
        #expect(kinds("申请人人数：3").isEmpty)
        // A 双公示 table: the header row names the columns, the rows below hold the values.
        let table = hits("序号\t行政相对人名称\t法定代表人\t罚款\n1\t王小明\t\t500元\n2\t南京恒达贸易有限公司\t李强\t3000元")
        #expect(table.map(\.text) == ["王小明", "李强"])
        #expect(kinds("| 序号 | 当事人 | 金额 |\n| 1 | 张某 | 500 |").isEmpty)
        // Once named in a field, the same name elsewhere is the same person.
        let again = hits("当事人：刘洋\n经查，刘洋于3月销售过期食品。")
        #expect(again.map(\.text) == ["刘洋", "刘洋"])
        #expect(again.map(\.line) == [1, 2])
    }

    @Test("mask replaces personal data by its masked form and leaves wording and codes alone")
    func masking() {
        let text = """
            当事人：张三，身份证号码：11010519491231002X，手机：13812345678，
            住址：南京市玄武区北京东路41号3栋502室，邮箱：zhangsan@163.com，银行卡号：6212345678901232。
            统一社会信用代码：91350100M000100Y43，其它情况。
            """
        let found = Screening.screen(text)
        let masked = Screening.mask(text, found)
        #expect(
            masked == """
                当事人：张某，身份证号码：1101**********002X，手机：138****5678，
                住址：南京市玄武区北京东路****，邮箱：z***@163.com，银行卡号：************1232。
                统一社会信用代码：91350100M000100Y43，其它情况。
                """
        )
        #expect(found.contains { $0.kind == .wording && $0.text == "其它" })
        #expect(Screening.screen(masked, words: .none).filter { $0.kind.isPersonalData }.isEmpty)
    }

    @Test("wording: longest first, not inside a longer right expression, 截止 only before a date")
    func wording() throws {
        func wrong(_ text: String) -> [String] {
            hits(text, words: .builtIn).filter { $0.kind == .wording }.map(\.text)
        }
        #expect(wrong("截止2024年12月31日，其它事项做为重点。") == ["截止", "其它", "做为"])
        #expect(wrong("报名截止日期为3月1日，于3月1日截止。截至目前。其他事项。").isEmpty)
        #expect(wrong("国家食品药品监督管理总局") == ["国家食品药品监督管理总局"])
        #expect(wrong("食品药品监督管理局") == ["食品药品监督管理局"])
        #expect(wrong("原国家工商行政管理总局、原区工商局、农业部门、文化部门、农村长效机制").isEmpty)
        #expect(wrong("农业部、文化部、村长") == ["农业部", "文化部", "村长"])
        let bracket = try #require(hits("依据苏政办发[2024]12号文件", words: .builtIn).first)
        #expect(bracket.text == "[2024]")
        #expect(bracket.suggestion == "〔2024〕")
        #expect(bracket.category == "公文格式")
        #expect(wrong("依据苏政办发〔2024〕12号、第[1]条").isEmpty)
        let hit = try #require(hits("其它", words: .builtIn).first)
        #expect(hit.suggestion == "其他")
        #expect(hit.basis?.isEmpty == false)
    }

    @Test("an administrator's list adds entries and waives built-in ones; a malformed line is refused with its number")
    func userList() throws {
        let user = try WordList(parsing: "# 本单位词表\n其它\t-\n大数据局\t数据局\t机构名称\t本市机构改革方案\t提示\n")
        let list = WordList.builtIn.adding(user)
        let found = Screening.screen("其它事项由大数据局办理。", words: list).filter { $0.kind == .wording }
        #expect(found.map(\.text) == ["大数据局"])
        #expect(found.first?.severity == .notice)
        #expect(list.entries.count == WordList.builtIn.entries.count)
        #expect(throws: WordList.ParseError.self) { try WordList(parsing: "只有一栏\n") }
        let error = #expect(throws: WordList.ParseError.self) { try WordList(parsing: "# 注释\n甲\t乙\t类别\t依据\t严重\n") }
        #expect(error?.line == 2)
        #expect(error?.description.contains("级别") == true)
        #expect(throws: WordList.ParseError.self) { try WordList(parsing: "截止\t截至\t用词\t依据\t错误\t\t截至日期\n") }
    }

    @Test("the built-in list is byte for byte the data file Data/screening/words.tsv, and every entry has a basis")
    func builtInListIsTheDataFile() throws {
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Data/screening/words.tsv")
        #expect(Data(WordList.builtInText.utf8) == (try Data(contentsOf: file)))
        #expect(WordList.builtIn.entries.count > 150)
        #expect(WordList.builtIn.entries.allSatisfy { !$0.basis.isEmpty && !$0.category.isEmpty })
        #expect(Set(WordList.builtIn.entries.map(\.wrong)).count == WordList.builtIn.entries.count)
    }

    @Test("hits are Codable values: a JSON round trip keeps them")
    func codable() throws {
        let found = Screening.screen("当事人：张三，手机13812345678，其它。")
        let data = try JSONEncoder().encode(found)
        #expect(try JSONDecoder().decode([ScreeningHit].self, from: data) == found)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"kind\":\"mobile\""))
        #expect(json.contains("\"utf8Start\""))
    }

    @Test("a 100 KB text is screened in milliseconds")
    func speed() {
        var text = ""
        var line = 0
        while text.utf8.count < 100_000 {
            line += 1
            text += "第\(line)项：依据苏政办发〔2024〕\(line)号文件，办理政府信息公开申请\(line * 7)件，罚款\(line * 100)元，"
            text += "咨询电话：025-8345\(1000 + line % 9000)。\n"
            if line % 50 == 0 { text += "当事人：张三，身份证号码：11010519491231002X，手机：13812345678。\n" }
        }
        _ = Screening.screen("预热")
        let clock = ContinuousClock()
        var found = 0
        let elapsed = clock.measure { found = Screening.screen(text).count }
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        print("screening \(text.utf8.count) bytes: \(String(format: "%.1f", milliseconds)) ms, \(found) hits")
        #expect(found > 0)
        // Debug builds are several times slower than release; the bound leaves room for a busy machine.
        #expect(milliseconds < 1000)
    }

    @Test("any text: every hit's offsets lie in the text and spell its matched text; masking keeps the rest")
    func anyText() {
        let pieces = [
            "1", "3", "8", "0", "2", "X", "x", "*", "-", " ", "+", "(", ")", "（", "）", "[", "]", "@", ".", "E", "：",
            "\t",
            "\n", "|", "·", "某", "张三", "当事人", "住址", "室", "号", "路", "栋", "身份证", "电话", "手机", "其它", "截止", "原",
            "工商局", "〔", "发", "公司", "传真", "＊", "１", "gov.cn", "163.com", "姓名", "法定代表人（", "卡号", "86",
            "11010519491231002", "6212345678901232", "13812345678", "\u{3000}", "\r", "é", "😀",
        ]
        var generator = SplitMix(seed: 17)
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 40) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let found = Screening.screen(text)
            let bytes = Array(text.utf8)
            for hit in found {
                #expect(hit.utf8Start >= 0 && hit.utf8Start < hit.utf8End && hit.utf8End <= bytes.count)
                guard hit.utf8End <= bytes.count, hit.utf8Start <= hit.utf8End else { continue }
                #expect(String(decoding: bytes[hit.utf8Start..<hit.utf8End], as: UTF8.self) == hit.text)
            }
            _ = Screening.mask(text, found)
        }
    }
}

/// A small deterministic random number generator for generated inputs.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
