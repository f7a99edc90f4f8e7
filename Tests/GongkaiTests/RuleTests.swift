import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiRead
import Testing

/// A passing and a failing case for each rule, on real seed text changed the way real reports go wrong.
@Suite("Rules")
struct RuleTests {
    static let seed000 = "seeds/000_619992dd5b79419f.txt"
    static let seed003 = "seeds/003_15a2a8efa849601b.txt"

    func findings(_ file: String, _ edits: [(String, String)] = []) throws -> [Finding] {
        var text = try Fixtures.text(file)
        for (old, new) in edits {
            let changed = text.replacingOccurrences(of: old, with: new)
            #expect(changed != text, "edit not applied: \(old)")
            text = changed
        }
        return ReportChecker.check(try Fixtures.report(text: text))
    }

    func codes(_ findings: [Finding]) -> [String] { findings.map(\.code) }

    static let receivedRow = "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t"
    static let totalRow = "(七) 总计\t0\t0\t0\t0\t0\t0\t0\t\t"
    static let grantedRow = "三、本年度办理结果\t(一) 予以公开\t0\t0\t0\t0\t0\t0\t0\t"

    @Test("R1 勾稽: 一 + 二 = （七） + 四 per column")
    func r1() throws {
        #expect(!codes(try findings(Self.seed000)).contains("R1"))
        // Two applications received, one granted, nothing carried forward: 2 + 0 ≠ 1 + 0.
        let result = try findings(
            Self.seed000,
            [
                (Self.receivedRow, "一、本年新收政府信息公开申请数量\t\t2\t0\t0\t0\t0\t0\t2\t"),
                (Self.grantedRow, "三、本年度办理结果\t(一) 予以公开\t1\t0\t0\t0\t0\t0\t1\t"),
                (Self.totalRow, "(七) 总计\t1\t0\t0\t0\t0\t0\t1\t\t"),
            ]
        )
        let r1 = result.filter { $0.code == "R1" }
        #expect(r1.count == 2)
        #expect(r1.first?.message.contains("表三「自然人」列勾稽关系不成立") == true)
        #expect(
            r1.first?.figures.map(\.id.rawValue) == [
                "t3.received.natural", "t3.carried_over.natural", "t3.total.natural", "t3.carried_forward.natural",
            ]
        )
        #expect(!codes(result).contains("R2") && !codes(result).contains("R3"))
    }

    @Test("R2 row total and R3 outcome sum")
    func r2r3() throws {
        let consistent = try findings(
            Self.seed000,
            [
                (Self.receivedRow, "一、本年新收政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1\t"),
                (Self.grantedRow, "三、本年度办理结果\t(一) 予以公开\t1\t0\t0\t0\t0\t0\t1\t"),
                (Self.totalRow, "(七) 总计\t1\t0\t0\t0\t0\t0\t1\t\t"),
            ]
        )
        // Consistent tables; only the narrative (「未收到…申请」) now contradicts them.
        #expect(codes(consistent) == ["R13"], "\(consistent.map(\.message))")
        let rowTotal = try findings(
            Self.seed000,
            [(Self.receivedRow, "一、本年新收政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t0\t")]
        )
        #expect(rowTotal.filter { $0.code == "R2" }.count == 1)
        // A blank applicant cell (「/」, R5) does not hide a wrong 总计: it counts as 0, and both are reported.
        let blankAndTotal = try findings(
            Self.seed000,
            [(Self.receivedRow, "一、本年新收政府信息公开申请数量\t\t3\t/\t0\t0\t0\t0\t2\t")]
        )
        #expect(codes(blankAndTotal).contains("R5"))
        #expect(
            blankAndTotal.contains {
                $0.code == "R2" && $0.message.hasSuffix("合计为3（自然人3）（空白单元格按0计）。")
            },
            "\(blankAndTotal.map(\.message))"
        )
        let outcome = try findings(
            Self.seed000,
            [
                (Self.receivedRow, "一、本年新收政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1\t"),
                (Self.totalRow, "(七) 总计\t1\t0\t0\t0\t0\t0\t1\t\t"),
            ]
        )
        let r3 = outcome.filter { $0.code == "R3" }
        #expect(r3.count == 2)
        #expect(r3.first?.message == "表三「自然人」列：三（七）总计为1，但（一）至（六）各项办理结果合计为0。")
    }

    @Test("R5 blank, placeholder and negative cells")
    func r5() throws {
        let result = try findings(
            Self.seed000,
            [
                (Self.grantedRow, "三、本年度办理结果\t(一) 予以公开\t/\t0\t0\t0\t0\t0\t0\t"),
                ("行政强制\t0", "行政强制\t-2"),
            ]
        )
        let r5 = result.filter { $0.code == "R5" }
        #expect(r5.count == 2)
        #expect(r5.contains { $0.message == "表三「三、本年度办理结果 （一）予以公开」行的「自然人」列为「/」；没有数据应填0。" })
        #expect(r5.contains { $0.message.contains("为负数（-2）") })
        #expect(!codes(try findings(Self.seed000)).contains("R5"))
    }

    @Test("R7 表四 totals")
    func r7() throws {
        let line = "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"
        let passing = try findings(Self.seed000, [(line, "1\t1\t0\t0\t2\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0")])
        #expect(!codes(passing).contains("R7"))
        let failing = try findings(Self.seed000, [(line, "1\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0")])
        let r7 = failing.filter { $0.code == "R7" }
        #expect(r7.count == 1)
        #expect(r7.first?.message == "表四「行政复议」：总计为0，但结果维持1、结果纠正1、其他结果0、尚未审结0合计为2。")
    }

    @Test("R11: 2019 表二 documents made but not published")
    func r11() throws {
        let seed002 = "seeds/002_a03528d1c919b0a1.txt"
        #expect(codes(try findings(seed002)).contains("R11"))
        #expect(!codes(try findings(seed002, [("规范性文件\t1\t0\t0", "规范性文件\t1\t1\t1")])).contains("R11"))
        let impossible = try findings(seed002, [("规范性文件\t1\t0\t0", "规范性文件\t1\t2\t1")])
        #expect(impossible.contains { $0.code == "R11" && $0.severity == .error })
    }

    @Test("template against year")
    func templateYear() throws {
        let seed002 = "seeds/002_a03528d1c919b0a1.txt"
        #expect(!codes(try findings(seed002)).contains("template-year"))
        let late = try findings(seed002, [("司法局2020年政府信息公开工作年度报告", "司法局2022年政府信息公开工作年度报告")])
        #expect(late.contains { $0.code == "template-year" && $0.severity == .error })
    }

    @Test("missing table, row and section; extra section; duplicated numerals")
    func structure() throws {
        #expect(try findings(Self.seed000).isEmpty)
        let noRow = try findings(Self.seed000, [("规章\t0\t0\t0\n", "")])
        #expect(noRow.contains { $0.code == "missing-row" && $0.message == "表二缺少「规章」行；没有数据的行也应保留并填0。" })
        let noTable = try findings(Self.seed000, [("0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "")])
        #expect(noTable.contains { $0.code == "missing-cells" || $0.code == "R5" })
        let noSection = try findings(Self.seed000, [("#### 五、存在的主要问题及改进情况", "")])
        #expect(noSection.contains { $0.code == "missing-section" && $0.message.contains("存在的主要问题及改进情况") })
        #expect(codes(try findings("seeds/001_2af83e509e4cbaa8.txt")).contains("extra-section"))
        #expect(codes(try findings("seeds/004_f1816cae11eb24f4.txt")).contains("duplicate-numeral"))
    }

    @Test("section 五 empty; section 六 silent on fees")
    func sectionContents() throws {
        let problems = try Fixtures.report(Self.seed000).section(.problems)?.text ?? ""
        let empty = try findings(Self.seed000, [(problems, "")])
        #expect(codes(empty).contains("section5-empty"))
        #expect(!codes(empty).contains("section1-empty"))
        let overview = try Fixtures.report(Self.seed000).section(.overview)?.text ?? ""
        #expect(!overview.isEmpty)
        let noOverview = try findings(Self.seed000, [(overview, "")])
        #expect(
            noOverview.contains { $0.code == "section1-empty" && $0.message.hasPrefix("第一部分「总体情况」没有内容") }
        )
        // A 2020 report's 第六部分 saying 「无」 says something; one saying nothing is warned about.
        let seed002 = "seeds/002_a03528d1c919b0a1.txt"
        #expect(!codes(try findings(seed002)).contains("section6-empty"))
        #expect(codes(try findings(seed002, [("六、其他需要报告的事项\n\n无", "六、其他需要报告的事项\n")])).contains("section6-empty"))
        let silent = try findings(
            Self.seed000,
            [
                ("##### （一）政府信息公开收费情况", "##### （一）其他"),
                ("按照《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）规定的按件、按量收费标准，本年度没有产生信息公开处理费。", "无。"),
            ]
        )
        #expect(codes(silent).contains("fees-silent"))
    }

    @Test("a date after 31 January")
    func timeliness() throws {
        #expect(!codes(try findings(Self.seed003)).contains("late-publication"))
        let late = try findings(Self.seed003, [("2024 年 1 月 18 日", "2024 年 2 月 5 日")])
        #expect(late.contains { $0.code == "late-publication" && $0.message.contains("晚于法定期限2024年1月31日") })
    }

    @Test("R13 and R14: narrative against tables")
    func narrative() throws {
        // Seed 000 says no applications were received and no review or suit happened.
        let received = try findings(
            Self.seed000,
            [
                (Self.receivedRow, "一、本年新收政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1\t"),
                (Self.grantedRow, "三、本年度办理结果\t(一) 予以公开\t1\t0\t0\t0\t0\t0\t1\t"),
                (Self.totalRow, "(七) 总计\t1\t0\t0\t0\t0\t0\t1\t\t"),
            ]
        )
        #expect(received.filter { $0.code == "R13" }.count == 1)
        let review = try findings(
            Self.seed000,
            [("0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0")]
        )
        #expect(review.filter { $0.code == "R14" }.count == 1)
        // Seed 001 states one application received: the 自然人 column and the row's sum say 1, so no R13.
        #expect(!codes(try findings("seeds/001_2af83e509e4cbaa8.txt")).contains("R13"))
        let stated = try findings(
            "seeds/001_2af83e509e4cbaa8.txt",
            [("收到政府信息公开申请1件", "收到政府信息公开申请3件")]
        )
        #expect(stated.contains { $0.code == "R13" && $0.message.contains("收到政府信息公开申请3件") })
        // A count of a part (「其中…」, an office receiving on the agency's behalf) is not the table's total.
        for part in ["其中通过网络收到政府信息公开申请3件", "办公室代表本局受理政府信息公开申请3件"] {
            let partial = try findings(
                "seeds/001_2af83e509e4cbaa8.txt",
                [("收到政府信息公开申请1件", "收到政府信息公开申请1件，\(part)")]
            )
            #expect(!codes(partial).contains("R13"), "\(part)")
        }
    }

    @Test("label variants are notices")
    func labels() throws {
        let result = try findings("seeds/001_2af83e509e4cbaa8.txt")
        #expect(
            result.contains { $0.code == "label-variant" && $0.message.contains("印作「规范性文件」") && $0.severity == .notice }
        )
        #expect(!codes(try findings(Self.seed000)).contains("label-variant"))
        // A label wrapped onto the next line of its cell (only its first part on the row's line) is not renamed;
        // a label that ends otherwise than the format says still is.
        let partly = "(二) 部分公开（区分处理的，只计这一情形，不计其他情形）"
        let wrapped = try findings(Self.seed000, [(partly, "(二) 部分公开（区分处理的，只计这一情形，")])
        #expect(!codes(wrapped).contains("label-variant"))
        let cut = try findings(Self.seed000, [(partly, "(二) 部分公开（区分处理的，只计这一情形）")])
        #expect(codes(cut).contains("label-variant"))
    }
}
