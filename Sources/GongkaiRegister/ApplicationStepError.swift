public import GongkaiModel

/// A step the statute does not allow at that point of an application, with the reason as a clerk reads it.
public enum ApplicationStepError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stored application whose first step is not its receipt.
    case notReceivedFirst
    /// The receipt entered a second time.
    case secondReceipt
    /// The application is closed: nothing follows the reply.
    case closed(ReplyOutcome, on: CalendarDate)
    /// A step dated before the application was received (a reply before receipt, for one).
    case beforeReceipt(ApplicationStep, received: CalendarDate)
    /// A step dated before the step entered last.
    case outOfOrder(ApplicationStep, lastStep: CalendarDate)
    /// A second 补正 notice: 条例第三十条 asks for one notice telling everything to add (一次性告知).
    case secondAmendmentNotice
    /// A 补正 notice after other steps were taken.
    case amendmentAfterOtherSteps
    /// A 补正 notice after the 7 working days of 条例第三十条.
    case amendmentNoticeLate(deadline: CalendarDate)
    /// A 补正 notice whose period ends on or before the day it is sent.
    case amendmentPeriodEmpty
    /// An amended request when no 补正 was asked for.
    case noAmendmentRequested
    /// Another step while the applicant has yet to send the 补正.
    case awaitingAmendment(respondBy: CalendarDate)
    /// Closed as 逾期不补正 before the 补正 period ran out.
    case amendmentNotLapsed(respondBy: CalendarDate)
    /// A second extension: 条例第三十三条 allows one.
    case secondExtension
    /// An extension of no days.
    case extensionEmpty
    /// An extension of more than 20 working days.
    case extensionTooLong(days: Int)
    /// An extension without the head of the disclosure office who approved it.
    case extensionWithoutApprover
    /// An extension approved after the reply period ran out.
    case extensionAfterDeadline(due: CalendarDate)
    /// The applicant told of the extension before its approval or after the reply period ran out.
    case applicantToldOutsidePeriod(approvedOn: CalendarDate, due: CalendarDate)
    /// A consultation started while another runs.
    case consultationRunning
    /// A consultation ended when none runs.
    case noConsultation
    /// A fee by one basis after a fee notice by the other: 109号第三条 forbids charging by both.
    case bothFeeBases(existing: String)
    /// A second fee notice.
    case secondFeeNotice
    /// A fee notice for zero or fewer pages or applications.
    case feeQuantityInvalid
    /// A fee notice where the tiers charge nothing.
    case feeNotDue(FeeBasis)
    /// A fee notice whose amount is not what the tiers give.
    case feeAmountWrong(FeeBasis, expected: Int, given: Int)
    /// A fee notice after the reply period ran out.
    case feeNoticeAfterDeadline(due: CalendarDate)
    /// A payment when no fee is owed.
    case noFeeOwed
    /// A payment after the 20 working days to pay: the application counts as withdrawn.
    case feePaidLate(payBy: CalendarDate)
    /// Another step while the fee is unpaid and the time to pay runs.
    case awaitingFee(payBy: CalendarDate)
    /// Closed as 逾期未缴费 before the time to pay ran out.
    case feeNotLapsed(payBy: CalendarDate)
    /// An outcome that does not fit what happened.
    case outcomeNotApplicable(ReplyOutcome, reason: String)
    /// The calendar has no data for a year the deadlines run into.
    case calendar(MissingCalendarYear)

    public var description: String {
        switch self {
        case .notReceivedFirst:
            "申请记录的第一步应是「收到申请」。"
        case .secondReceipt:
            "一件申请只能登记一次「收到申请」。"
        case .closed(let outcome, let on):
            "该申请已于\(on.chinese)办结（\(outcome.fullLabel)），不能再登记其他步骤。"
        case .beforeReceipt(let step, let received):
            "「\(step.chinese)」的日期早于收到申请之日\(received.chinese)。"
        case .outOfOrder(let step, let last):
            "「\(step.chinese)」的日期早于上一步的日期\(last.chinese)；请按发生的先后登记。"
        case .secondAmendmentNotice:
            "补正通知只能发一次：《条例》第三十条要求一次性告知申请人需要补正的事项。"
        case .amendmentAfterOtherSteps:
            "补正通知应在收到申请后、办理其他步骤之前发出（《条例》第三十条）。"
        case .amendmentNoticeLate(let deadline):
            "补正通知应自收到申请之日起7个工作日内发出（《条例》第三十条），即不晚于\(deadline.chineseWithWeekday)；已超过期限。"
        case .amendmentPeriodEmpty:
            "补正期限应晚于补正通知发出之日，请给申请人合理的补正期限。"
        case .noAmendmentRequested:
            "该申请没有发出过补正通知，或已收到补正，不能再登记收到补正。"
        case .awaitingAmendment(let respondBy):
            "申请人尚未补正（补正期限至\(respondBy.chinese)）：此时只能登记收到补正后的申请，"
                + "或在补正期限届满后按「（六）其他处理 1.逾期不补正」办结。"
        case .amendmentNotLapsed(let respondBy):
            "补正期限至\(respondBy.chinese)，尚未届满，还不能按「逾期不补正」办结。"
        case .secondExtension:
            "答复期限只能延长一次（《条例》第三十三条）。"
        case .extensionEmpty:
            "延长的期限应为1至20个工作日。"
        case .extensionTooLong(let days):
            ExtensionTooLong(days: days).description
        case .extensionWithoutApprover:
            "延长答复期限须经政府信息公开工作机构负责人同意（《条例》第三十三条），请填写批准人。"
        case .extensionAfterDeadline(let due):
            "答复期限已于\(due.chinese)届满，届满后不能再延长（《条例》第三十三条）。"
        case .applicantToldOutsidePeriod(let approvedOn, let due):
            "告知申请人延期的日期应在批准之日（\(approvedOn.chinese)）之后、原答复期限（\(due.chinese)）届满之前。"
        case .consultationRunning:
            "上一次征求意见尚未结束；请先登记收到意见或征求意见期限届满。"
        case .noConsultation:
            "该申请没有正在进行的征求意见。"
        case .bothFeeBases(let existing):
            "该申请已\(existing)计收信息处理费；一件申请只能选择按件或按量一种标准，不得同时按两种标准计算（国办函〔2020〕109号第三条）。"
        case .secondFeeNotice:
            "该申请已发出过收费通知，不能再发。"
        case .feeQuantityInvalid:
            "计费的件数或页数应至少为1。"
        case .feeNotDue(let basis):
            "\(basis.explanation)，按国办函〔2020〕109号的标准不收费，无需发出收费通知。"
        case .feeAmountWrong(let basis, let expected, let given):
            "\(basis.explanation)应收\(expected)元，填写的是\(given)元。"
        case .feeNoticeAfterDeadline(let due):
            "收费通知应在答复期限内发出；答复期限已于\(due.chinese)届满。"
        case .noFeeOwed:
            "该申请没有待缴的信息处理费。"
        case .feePaidLate(let payBy):
            "缴费期限已于\(payBy.chinese)届满，申请视为放弃；请按「（六）其他处理 2.逾期未缴费」办结。"
        case .awaitingFee(let payBy):
            "已发出收费通知，申请人缴费或缴费期限（\(payBy.chinese)）届满前，只能登记缴费；期限届满未缴费的，按「（六）其他处理 2」办结。"
        case .feeNotLapsed(let payBy):
            "缴费期限至\(payBy.chinese)，尚未届满，还不能按「逾期未缴费」办结。"
        case .outcomeNotApplicable(let outcome, let reason):
            "不能按「\(outcome.fullLabel)」办结：\(reason)。"
        case .calendar(let missing):
            missing.description
        }
    }
}
