import GongkaiModel

/// How an information processing fee (信息处理费) is worked out for one application: 国办函〔2020〕109号
/// 《政府信息公开信息处理费管理办法》. Either 按件 or 按量, never both for the same application (第三条).
public enum FeeBasis: Sendable, Hashable, Codable {
    /// 按件计收 (第四条): the application is the applicant's `ordinal`th in the natural month it was received (1 for
    /// the first).
    case perApplication(ordinal: Int)
    /// 按量计收 (第五条): the applicant asked for `pages` pages (paper copies, e-mail, copied data).
    case perPage(pages: Int)

    /// 「按件」 or 「按量」.
    public var chinese: String {
        switch self {
        case .perApplication: "按件"
        case .perPage: "按量"
        }
    }

    /// The fee in yuan.
    public var amount: Int {
        switch self {
        case .perApplication(let ordinal): InformationFee.perApplication(ordinal: ordinal)
        case .perPage(let pages): InformationFee.perPage(pages: pages)
        }
    }

    /// The basis and the tier it falls in, for a clerk: 「按件计收，本月第45件（300元/件）」.
    public var explanation: String {
        switch self {
        case .perApplication(let ordinal):
            "按件计收，同一申请人本自然月第\(ordinal)件（\(InformationFee.perApplication(ordinal: ordinal))元/件）"
        case .perPage(let pages): "按量计收，共\(pages)页"
        }
    }
}

/// The fee tiers of 国办函〔2020〕109号, both 「超额累进」: each tier's rate applies to the part within it. Amounts in
/// whole yuan (every rate is whole yuan).
public enum InformationFee {
    /// 第四条: what one application costs when it is the applicant's `ordinal`th in a natural month: the first 10
    /// (含10件) nothing; the 11th to 30th 100 yuan; from the 31st, each further band of 10 costs 100 yuan more a piece
    /// (31st–40th 200 yuan, 41st–50th 300 yuan…).
    public static func perApplication(ordinal: Int) -> Int {
        switch ordinal {
        case ...10: 0
        case 11...30: 100
        default: 100 * (2 + (ordinal - 31) / 10)
        }
    }

    /// 第四条: the whole month's fee for an applicant who made `count` applications in it (45 → 5,500 yuan).
    public static func perApplication(monthCount count: Int) -> Int {
        count <= 10 ? 0 : (11...count).reduce(0) { $0 + perApplication(ordinal: $1) }
    }

    /// 第五条: one application's fee by pages: up to 30 pages (含30页) nothing; the 31st to the 100th page 10 yuan a
    /// page; the 101st to the 200th 20 yuan; from the 201st 40 yuan (150 pages → 1,700 yuan).
    public static func perPage(pages: Int) -> Int {
        let tiers: [(from: Int, to: Int, rate: Int)] = [(31, 100, 10), (101, 200, 20), (201, Int.max, 40)]
        return tiers.reduce(0) { total, tier in
            guard pages >= tier.from else { return total }
            return total + (min(pages, tier.to) - tier.from + 1) * tier.rate
        }
    }

    /// 第四条's count: the place of `application` among the same applicant's applications received in the same natural
    /// month (by receipt date, then by id), 1 for the first; `applications` may hold it or not. Applicants are the same when ``Applicant/identity`` is.
    public static func ordinal(of application: Application, among applications: [Application]) -> Int {
        let month = (application.received.year, application.received.month)
        let identity = application.applicant.identity
        let earlier = applications.filter { other in
            other.applicant.identity == identity && (other.received.year, other.received.month) == month
                && (other.received, other.id) < (application.received, application.id)
        }
        return earlier.count + 1
    }
}
