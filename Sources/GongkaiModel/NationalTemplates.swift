/// The 2021 and 2019 national formats as data: every row and column label, in printed order, and the label variants
/// real reports print.
public enum NationalTemplates {
    public static func spec(_ template: ReportTemplate) -> TemplateSpec {
        switch template {
        case .v2021: v2021
        case .v2019: v2019
        }
    }

    public static let v2021 = TemplateSpec(
        template: .v2021,
        tables: [
            TableSpec(kind: .two, rows: table2v2021),
            TableSpec(
                kind: .three,
                rows: table3Rows(otherRows: other2021),
                variantRows: [otherSingleRow(isVariant: true)],
                replacedByVariant: ["other": other2021.map(\.key)]
            ),
            TableSpec(kind: .four, rows: table4Rows),
        ]
    )

    public static let v2019 = TemplateSpec(
        template: .v2019,
        tables: [
            TableSpec(kind: .two, rows: table2v2019),
            TableSpec(kind: .three, rows: table3Rows(otherRows: [otherSingleRow(isVariant: false)])),
            TableSpec(kind: .four, rows: table4Rows),
        ]
    )

    // MARK: 表二

    static let issued2021 = [
        ColumnSpec("issued", "本年制发件数"),
        ColumnSpec("repealed", "本年废止件数"),
        ColumnSpec("in_force", "现行有效件数"),
    ]
    static let decisions2021 = [ColumnSpec("decisions", "本年处理决定数量", variants: ["处理决定数量"])]

    static let table2v2021: [RowSpec] = [
        RowSpec(table: .two, key: "rules", name: "规章", article20Item: 1, columns: issued2021),
        RowSpec(
            table: .two,
            key: "normative",
            name: "行政规范性文件",
            variants: ["规范性文件"],
            article20Item: 1,
            columns: issued2021
        ),
        RowSpec(table: .two, key: "licensing", name: "行政许可", article20Item: 5, columns: decisions2021),
        RowSpec(table: .two, key: "penalty", name: "行政处罚", article20Item: 6, columns: decisions2021),
        RowSpec(table: .two, key: "coercion", name: "行政强制", article20Item: 6, columns: decisions2021),
        RowSpec(
            table: .two,
            key: "fees",
            name: "行政事业性收费",
            article20Item: 8,
            columns: [ColumnSpec("amount", "本年收费金额（单位：万元）", variants: ["本年收费金额"], kind: .amount)]
        ),
    ]

    static let made2019 = [
        ColumnSpec("made", "本年新制作数量"),
        ColumnSpec("published", "本年新公开数量"),
        ColumnSpec("total", "对外公开总数量"),
    ]
    static let items2019 = [
        ColumnSpec("prior", "上一年项目数量"),
        ColumnSpec("change", "本年增/减", variants: ["本年增减"], kind: .signedCount),
        ColumnSpec("decisions", "处理决定数量"),
    ]

    static let table2v2019: [RowSpec] = [
        RowSpec(table: .two, key: "rules", name: "规章", article20Item: 1, columns: made2019),
        RowSpec(
            table: .two,
            key: "normative",
            name: "规范性文件",
            variants: ["行政规范性文件"],
            article20Item: 1,
            columns: made2019
        ),
        RowSpec(table: .two, key: "licensing", name: "行政许可", article20Item: 5, columns: items2019),
        RowSpec(table: .two, key: "other_services", name: "其他对外管理服务事项", article20Item: 5, columns: items2019),
        RowSpec(table: .two, key: "penalty", name: "行政处罚", article20Item: 6, columns: items2019),
        RowSpec(table: .two, key: "coercion", name: "行政强制", article20Item: 6, columns: items2019),
        RowSpec(
            table: .two,
            key: "fees",
            name: "行政事业性收费",
            article20Item: 8,
            columns: Array(items2019.prefix(2))
        ),
        RowSpec(
            table: .two,
            key: "procurement",
            name: "政府集中采购",
            article20Item: 9,
            columns: [
                ColumnSpec("items", "采购项目数量"),
                ColumnSpec(
                    "amount",
                    "采购总金额（单位：万元，保留4位小数）",
                    variants: ["采购总金额", "采购总金额（单位：万元）"],
                    kind: .amount
                ),
            ]
        ),
    ]

    // MARK: 表三

    /// The seven applicant columns of 表三.
    public static let applicantColumns = [
        ColumnSpec("natural", "自然人"),
        ColumnSpec("commercial", "商业企业"),
        ColumnSpec("research", "科研机构"),
        ColumnSpec("nonprofit", "社会公益组织", variants: ["社会组织"]),
        ColumnSpec("legal", "法律服务机构"),
        ColumnSpec("other", "其他"),
        ColumnSpec("total", "总计"),
    ]

    static let resultsGroup = RowGroupSpec(.numeral(3), "本年度办理结果")
    static let deniedGroup = RowGroupSpec(.parenthesized(3), "不予公开")
    static let unableGroup = RowGroupSpec(.parenthesized(4), "无法提供")
    static let notProcessedGroup = RowGroupSpec(.parenthesized(5), "不予处理")
    static let otherGroup = RowGroupSpec(.parenthesized(6), "其他处理")

    static func t3(
        _ key: String,
        _ marker: RowMarker,
        _ name: String,
        group: RowGroupSpec? = nil,
        variants: [String] = [],
        isVariant: Bool = false
    ) -> RowSpec {
        RowSpec(
            table: .three,
            key: key,
            marker: marker,
            name: name,
            variants: variants,
            group: group,
            columns: applicantColumns,
            isVariant: isVariant
        )
    }

    static let other2021: [RowSpec] = [
        t3(
            "other.no_amendment",
            .item(1),
            "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            group: otherGroup
        ),
        t3(
            "other.unpaid_fee",
            .item(2),
            "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            group: otherGroup
        ),
        t3("other.other", .item(3), "其他", group: otherGroup),
    ]

    static func otherSingleRow(isVariant: Bool) -> RowSpec {
        t3("other", .parenthesized(6), "其他处理", group: resultsGroup, isVariant: isVariant)
    }

    static func table3Rows(otherRows: [RowSpec]) -> [RowSpec] {
        [
            t3("received", .numeral(1), "本年新收政府信息公开申请数量"),
            t3("carried_over", .numeral(2), "上年结转政府信息公开申请数量"),
            t3("granted", .parenthesized(1), "予以公开", group: resultsGroup),
            t3("partial", .parenthesized(2), "部分公开（区分处理的，只计这一情形，不计其他情形）", group: resultsGroup),
            t3("denied.state_secret", .item(1), "属于国家秘密", group: deniedGroup),
            t3(
                "denied.prohibited",
                .item(2),
                "其他法律行政法规禁止公开",
                group: deniedGroup,
                variants: ["其他法律行政止公开", "其他法律、行政法规禁止公开"]
            ),
            t3("denied.safety_stability", .item(3), "危及“三安全一稳定”", group: deniedGroup),
            t3("denied.third_party", .item(4), "保护第三方合法权益", group: deniedGroup),
            t3("denied.internal", .item(5), "属于三类内部事务信息", group: deniedGroup),
            t3("denied.process", .item(6), "属于四类过程性信息", group: deniedGroup),
            t3("denied.enforcement_file", .item(7), "属于行政执法案卷", group: deniedGroup),
            t3("denied.query", .item(8), "属于行政查询事项", group: deniedGroup),
            t3("unable.not_held", .item(1), "本机关不掌握相关政府信息", group: unableGroup),
            t3("unable.needs_creation", .item(2), "没有现成信息需要另行制作", group: unableGroup),
            t3("unable.unclear", .item(3), "补正后申请内容仍不明确", group: unableGroup),
            t3("not_processed.complaint", .item(1), "信访举报投诉类申请", group: notProcessedGroup),
            t3("not_processed.repeat", .item(2), "重复申请", group: notProcessedGroup),
            t3("not_processed.publication", .item(3), "要求提供公开出版物", group: notProcessedGroup),
            t3("not_processed.excessive", .item(4), "无正当理由大量反复申请", group: notProcessedGroup),
            t3("not_processed.reconfirm", .item(5), "要求行政机关确认或重新出具已获取信息", group: notProcessedGroup),
        ] + otherRows + [
            t3("total", .parenthesized(7), "总计", group: resultsGroup),
            t3("carried_forward", .numeral(4), "结转下年度继续办理"),
        ]
    }

    /// Keys of the 表三 rows that count outcomes, summed by （七）总计.
    public static func outcomeRowKeys(_ template: ReportTemplate) -> [String] {
        template == .v2021 ? outcomeRowKeys2021 : outcomeRowKeys2019
    }

    private static let outcomeRowKeys2021 = outcomeRows(of: v2021)
    private static let outcomeRowKeys2019 = outcomeRows(of: v2019)

    private static func outcomeRows(of spec: TemplateSpec) -> [String] {
        spec.table(.three).rows.map(\.key).filter {
            !["received", "carried_over", "total", "carried_forward"].contains($0)
        }
    }

    // MARK: 表四

    /// The five result columns of each 表四 group.
    public static let litigationColumns = [
        ColumnSpec("upheld", "结果维持"),
        ColumnSpec("corrected", "结果纠正"),
        ColumnSpec("other", "其他结果"),
        ColumnSpec("pending", "尚未审结"),
        ColumnSpec("total", "总计"),
    ]

    static let litigationGroup = RowGroupSpec(nil, "行政诉讼")

    static let table4Rows: [RowSpec] = [
        RowSpec(table: .four, key: "review", name: "行政复议", columns: litigationColumns),
        RowSpec(
            table: .four,
            key: "suit_direct",
            name: "未经复议直接起诉",
            group: litigationGroup,
            columns: litigationColumns
        ),
        RowSpec(
            table: .four,
            key: "suit_after_review",
            name: "复议后起诉",
            group: litigationGroup,
            columns: litigationColumns
        ),
    ]
}
