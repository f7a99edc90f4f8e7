public import GongkaiModel

/// The main figures of a report that a supervisor compares from year to year, with the labels they are shown under.
public enum YearComparison {
    public static let rows: [(label: String, id: FigureID)] = [
        ("表二 行政许可 本年处理决定数量", FigureID("t2.licensing.decisions")),
        ("表二 行政处罚 本年处理决定数量", FigureID("t2.penalty.decisions")),
        ("表二 行政强制 本年处理决定数量", FigureID("t2.coercion.decisions")),
        ("表二 行政规范性文件 现行有效件数", FigureID("t2.normative.in_force")),
        ("表三 一、本年新收申请 总计", FigureID("t3.received.total")),
        ("表三 二、上年结转申请 总计", FigureID("t3.carried_over.total")),
        ("表三 （一）予以公开 总计", FigureID("t3.granted.total")),
        ("表三 （七）办理结果总计", FigureID("t3.total.total")),
        ("表三 四、结转下年度继续办理 总计", FigureID("t3.carried_forward.total")),
        ("表四 行政复议 总计", FigureID("t4.review.total")),
        ("表四 未经复议直接起诉 总计", FigureID("t4.suit_direct.total")),
        ("表四 复议后起诉 总计", FigureID("t4.suit_after_review.total")),
    ]
}
