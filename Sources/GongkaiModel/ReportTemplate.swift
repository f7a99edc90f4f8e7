/// The national annual-report format a report follows.
///
/// `v2021` is 国办公开办函〔2021〕30号 (reports on 2021 and later); `v2019` is 国办公开办函〔2019〕60号 (reports on
/// 2019 and 2020).
public enum ReportTemplate: String, Sendable, Hashable, CaseIterable, Codable {
    case v2021 = "2021"
    case v2019 = "2019"

    /// The format a report on `year` must use.
    public static func required(forYear year: Int) -> ReportTemplate? {
        if year >= 2021 { return .v2021 }
        if year >= 2019 { return .v2019 }
        return nil
    }

    /// The official document that defines the format, as a clerk would cite it.
    public var citation: String {
        switch self {
        case .v2021: "国办公开办函〔2021〕30号"
        case .v2019: "国办公开办函〔2019〕60号"
        }
    }
}
