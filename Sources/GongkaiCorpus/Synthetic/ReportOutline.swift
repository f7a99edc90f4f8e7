import GongkaiModel
import GongkaiWrite

/// A report block by block — title, parts, narrative and the three tables as grids with their spans — from which the
/// layout writers that need cells and spans (HTML, Word, PDF, crawled text, text columns, converter Markdown) print
/// the same content. A pre-2019 report (2008 条例) has parts and a table of the old format instead.
struct ReportOutline {
    var agency: String
    var year: Int
    /// Nil for a report on 2018 or earlier, in the old format.
    var template: ReportTemplate?
    var figures: [FigureID: CellValue]

    var title: String { "\(agency)\(year)年政府信息公开工作年度报告" }

    var layout: ReportLayout {
        ReportLayout(blocks: template.map(nationalBlocks) ?? legacyBlocks)
    }

    /// The grids of the report's tables, in order.
    var grids: [TableGrid] {
        layout.blocks.compactMap { block in
            if case .table(let grid) = block { return grid }
            return nil
        }
    }

    /// What the report prints in every value cell of its tables: the figure, or `.blank` for an empty cell.
    var printed: [FigureID: CellValue] {
        var result: [FigureID: CellValue] = [:]
        for grid in grids {
            for cell in grid.cells where cell.role == .value {
                guard let id = cell.figure else { continue }
                result[id] = Self.printedValue(figures[id])
            }
        }
        return result
    }

    /// A number as printed; anything else is an empty cell.
    static func printedValue(_ value: CellValue?) -> CellValue {
        switch value {
        case .integer, .decimal: value ?? .blank
        case .blank, .unknown, nil: .blank
        }
    }

    // MARK: The national format

    func nationalBlocks(_ template: ReportTemplate) -> [ReportLayout.Block] {
        var blocks: [ReportLayout.Block] = [
            .title(title),
            .paragraph(
                "本报告根据《中华人民共和国政府信息公开条例》和\(template.citation)规定的格式编制，"
                    + "统计期限为\(year)年1月1日至\(year)年12月31日。"
            ),
        ]
        func heading(_ kind: SectionKind) {
            let number = kind.number.map { ChineseNumeral.string($0) + "、" } ?? ""
            blocks.append(.heading(number + kind.standardTitle))
        }
        heading(.overview)
        for (subheading, text) in Self.overview(year: year) {
            blocks.append(.subheading(subheading))
            blocks.append(.paragraph(text))
        }
        heading(.proactive)
        blocks.append(.table(TableGrid.make(.two, template: template, figures: figures)))
        heading(.applications)
        blocks.append(.table(TableGrid.make(.three, template: template, figures: figures)))
        heading(.litigation)
        blocks.append(.table(TableGrid.make(.four, template: template, figures: figures)))
        heading(.problems)
        blocks.append(
            .paragraph("本机关政府信息公开工作仍存在信息更新不够及时、政策解读形式不够丰富等问题，下一步将加强业务培训和发布审核。")
        )
        heading(.otherMatters)
        blocks.append(.paragraph("本年度本机关未收取政府信息公开信息处理费，无其他需要报告的事项。"))
        blocks.append(.signature([agency, "\(year + 1)年1月20日"]))
        return blocks
    }

    static func overview(year: Int) -> [(String, String)] {
        [
            ("（一）主动公开", "\(year)年，本机关依法主动公开政府信息，及时更新门户网站和政务新媒体栏目。"),
            ("（二）依申请公开", "本机关规范办理政府信息公开申请，在法定期限内答复申请人。"),
            ("（三）政府信息管理", "本机关做好规范性文件清理和公开前保密审查工作。"),
            ("（四）政府信息公开平台建设", "本机关持续完善门户网站政府信息公开专栏和政务新媒体平台。"),
            ("（五）监督保障", "本机关落实政府信息公开工作责任制，定期开展自查并及时整改。"),
        ]
    }

    // MARK: The format before 2019

    /// The indicators of the old statistics table (指标名称 | 单位 | 数量), as reports on 2008–2018 print them.
    static let legacyIndicators: [(String, String)] = [
        ("一、主动公开情况", ""), ("（一）主动公开政府信息数", "条"), ("其中：主动公开规范性文件数", "条"),
        ("（二）通过不同渠道和方式公开政府信息的情况", ""), ("1.政府公报公开政府信息数", "条"),
        ("2.政府网站公开政府信息数", "条"), ("二、回应解读情况", ""), ("（一）回应公众关注热点或重大舆情数", "次"),
        ("三、依申请公开情况", ""), ("（一）收到申请数", "件"), ("1.当面申请数", "件"), ("2.网络申请数", "件"),
        ("（二）申请办结数", "件"), ("1.按时办结数", "件"), ("四、行政复议数量", "件"), ("五、行政诉讼数量", "件"),
        ("六、举报投诉数量", "件"), ("七、依申请公开信息收取的费用", "万元"),
    ]

    var legacyBlocks: [ReportLayout.Block] {
        var blocks: [ReportLayout.Block] = [
            .title(title),
            .paragraph(
                "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。"
                    + "本报告中所列数据的统计期限自\(year)年1月1日起至\(year)年12月31日止。"
            ),
            .heading("一、概述"),
            .paragraph("\(year)年，本机关认真贯彻落实《条例》，扎实推进政府信息公开工作。"),
            .heading("二、主动公开政府信息的情况"),
            .paragraph("全年主动公开政府信息情况详见下表。"),
        ]
        var grid = TableGrid(
            kind: .two,
            rowCount: 0,
            columnCount: 3,
            headerRowCount: 1,
            columnWeights: [4, 1, 1],
            cells: []
        )
        var rng = SplitMix64(seed: UInt64(year) &* 0x9E37_79B9 ^ UInt64(agency.unicodeScalars.count))
        for (index, label) in ["统计指标", "单位", "统计数"].enumerated() {
            grid.cells.append(.init(label, row: 0, column: index, role: .header))
        }
        for (offset, indicator) in Self.legacyIndicators.enumerated() {
            let row = offset + 1
            grid.cells.append(.init(indicator.0, row: row, column: 0, role: .label))
            grid.cells.append(.init(indicator.1, row: row, column: 1, role: .label))
            let value = indicator.1.isEmpty ? "—" : String(rng.int(in: 0...300))
            grid.cells.append(.init(value, row: row, column: 2, role: .value))
        }
        grid.rowCount = Self.legacyIndicators.count + 1
        blocks.append(.table(grid))
        blocks += [
            .heading("三、依申请公开政府信息和不予公开政府信息的情况"),
            .paragraph("全年共受理政府信息公开申请，均在规定期限内答复。"),
            .heading("四、政府信息公开的收费及减免情况"),
            .paragraph("本年度未收取任何费用。"),
            .heading("五、因政府信息公开申请行政复议、提起行政诉讼的情况"),
            .paragraph("本年度未发生因政府信息公开申请行政复议、提起行政诉讼的情况。"),
            .heading("六、政府信息公开工作存在的主要问题及改进情况"),
            .paragraph("政府信息公开的及时性有待加强，下一步将进一步完善工作机制。"),
            .heading("七、其他需要报告的事项"),
            .paragraph("无。"),
            .signature([agency, "\(year + 1)年3月20日"]),
        ]
        return blocks
    }
}
