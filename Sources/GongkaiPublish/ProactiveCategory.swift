public import GongkaiRegister

/// The categories of information an agency publishes of its own accord (主动公开), as 《政府信息公开条例》第二十条
/// lists them.
public enum ProactiveCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case rulesAndDocuments = "rules"
    case organisation
    case plans
    case statistics
    case licensing
    case penalties
    case budgets
    case fees
    case procurement
    case construction
    case welfare
    case emergencies
    case inspections
    case recruitment
    case other

    /// The item of 第二十条, as the statute numbers it: 「第（一）项」.
    public var item: String {
        let numbers = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"]
        return "第二十条第（\(numbers[Self.allCases.firstIndex(of: self) ?? 0])）项"
    }

    /// The category in the statute's words, shortened.
    public var chinese: String {
        switch self {
        case .rulesAndDocuments: "行政法规、规章和规范性文件"
        case .organisation: "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"
        case .plans: "国民经济和社会发展规划、专项规划、区域规划及相关政策"
        case .statistics: "国民经济和社会发展统计信息"
        case .licensing: "行政许可和其他对外管理服务事项的依据、条件、程序及办理结果"
        case .penalties: "行政处罚、行政强制的依据、条件、程序及行政处罚决定"
        case .budgets: "财政预算、决算信息"
        case .fees: "行政事业性收费项目及其依据、标准"
        case .procurement: "政府集中采购项目的目录、标准及实施情况"
        case .construction: "重大建设项目的批准和实施情况"
        case .welfare: "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"
        case .emergencies: "突发公共事件的应急预案、预警信息及应对情况"
        case .inspections: "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"
        case .recruitment: "公务员招考的职位、名额、报考条件等事项以及录用结果"
        case .other: "其他应当主动公开的政府信息"
        }
    }

    /// The 表二 rows an item of this category may count in: only 第（一）项 items are 规章 or 行政规范性文件.
    public var countableKinds: [NormativeKind] { self == .rulesAndDocuments ? NormativeKind.allCases : [] }
}
