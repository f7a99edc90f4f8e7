import GongkaiCheck
import GongkaiModel
import GongkaiStore
import Testing

/// Agency names and the cross-year rules, without a database.
@Suite("agency names and cross-year rules")
struct StoreRuleTests {
    @Test(
        "name variants normalise to the same key",
        arguments: [
            ("包头市青山区人民政府", "青山区政府"),
            ("青山区 人民政府", "青山区政府"),
            ("ＡＢＣ县人民政府", "abc县政府"),
            ("县人民政府", "县政府"),
        ]
    )
    func normalise(_ printed: String, _ key: String) {
        #expect(AgencyName(printed).key == key)
    }

    @Test("region segments and cores")
    func segments() {
        let name = AgencyName("内蒙古自治区包头市青山区司法局")
        #expect(name.segments == ["内蒙古自治区", "包头市", "青山区"])
        #expect(name.core == "司法局")
        #expect(AgencyName("漳州市司法局").segments == ["漳州市"])
        #expect(AgencyName("贵州省生态环境厅").segments == ["贵州省"])
        #expect(AgencyName("洪泽区市场监督管理局").core == "市场监督管理局")
        #expect(AgencyName("苏州市城市管理局").core == "城市管理局")
        #expect(AgencyName("司法局").segments.isEmpty)
        #expect(AgencyName("包头市青山区司法局").isCompatible(with: AgencyName("青山区司法局")))
        #expect(!AgencyName("武汉市青山区司法局").isCompatible(with: AgencyName("包头市青山区司法局")))
        #expect(!AgencyName("青山区司法局").isCompatible(with: AgencyName("青山区教育局")))
    }

    func side(_ year: Int, _ template: ReportTemplate, _ values: [String: Int]) -> CrossYearRules.Side {
        var figures: [FigureID: Figure] = [:]
        for (id, value) in values {
            figures[FigureID(id)] = Figure(id: FigureID(id), value: .integer(value), printed: String(value))
        }
        return CrossYearRules.Side(year: year, template: template, figures: figures)
    }

    @Test("R6: 上年结转 against last year's 结转下年度, per column")
    func r6() {
        let last = side(2022, .v2021, ["t3.carried_forward.natural": 3, "t3.carried_forward.total": 3])
        let this = side(2023, .v2021, ["t3.carried_over.natural": 2, "t3.carried_over.total": 3])
        let results = CrossYearRules.check(previous: last, current: this)
        #expect(results.map(\.finding.code) == ["R6"])
        #expect(
            results.first?.finding.message
                == "表三「二、上年结转政府信息公开申请数量」行「自然人」列为2，但2022年度报告「四、结转下年度继续办理」行「自然人」列为3。"
        )
        #expect(results.first?.previousFigures.map(\.id) == [FigureID("t3.carried_forward.natural")])
        // Not consecutive years: nothing to compare.
        #expect(CrossYearRules.check(previous: side(2021, .v2021, [:]), current: this).isEmpty)
    }

    @Test("R8: last year's 尚未审结 must reappear")
    func r8() {
        let last = side(2022, .v2021, ["t4.review.pending": 2])
        let fine = side(2023, .v2021, ["t4.review.total": 2])
        let short = side(2023, .v2021, ["t4.review.total": 1])
        #expect(CrossYearRules.check(previous: last, current: fine).isEmpty)
        #expect(CrossYearRules.check(previous: last, current: short).map(\.finding.code) == ["R8"])
    }

    @Test("R9: 现行有效件数 carried on (2021 format)")
    func r9() {
        let last = side(2022, .v2021, ["t2.rules.in_force": 10])
        let fine = side(2023, .v2021, ["t2.rules.in_force": 12, "t2.rules.issued": 3, "t2.rules.repealed": 1])
        let wrong = side(2023, .v2021, ["t2.rules.in_force": 11, "t2.rules.issued": 3, "t2.rules.repealed": 1])
        #expect(CrossYearRules.check(previous: last, current: fine).isEmpty)
        let results = CrossYearRules.check(previous: last, current: wrong)
        #expect(results.map(\.finding.code) == ["R9"])
        #expect(results.first?.finding.message.contains("应为12") == true)
    }

    @Test("R12: 2019 上一年项目数量 = last year's plus its 本年增/减")
    func r12() {
        let last = side(2019, .v2019, ["t2.licensing.prior": 90, "t2.licensing.change": 5])
        let fine = side(2020, .v2019, ["t2.licensing.prior": 95])
        let wrong = side(2020, .v2019, ["t2.licensing.prior": 100])
        #expect(CrossYearRules.check(previous: last, current: fine).isEmpty)
        let results = CrossYearRules.check(previous: last, current: wrong)
        #expect(results.map(\.finding.code) == ["R12"])
        #expect(results.first?.finding.message.contains("加本年增/减+5应为95") == true)
        // Across the change of format (2020 → 2021) R12 does not apply.
        #expect(CrossYearRules.check(previous: fine, current: side(2021, .v2021, [:])).isEmpty)
    }
}
