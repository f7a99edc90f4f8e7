/// The labels documents print before personal data and before an office's own contact details, and the words that
/// tell an organisation's name from a person's.
enum Labels {
    /// Fields of penalty and licensing decisions (and of 依申请公开 replies) that hold a party's name.
    static let person: LabelSet = [
        "当事人", "姓名", "法定代表人", "负责人", "被处罚人", "申请人", "委托代理人", "代理人", "经营者", "投资人",
        "被许可人", "被检查人", "违法行为人", "户主", "举报人", "投诉人", "第三人", "监护人", "法定代理人", "被申请人",
        "行为人", "被执行人", "受害人", "业主", "承包人", "被告", "原告",
    ]

    /// Header cells of a table column that holds parties' names (行政相对人名称 …), besides the person labels.
    static let personColumn: LabelSet = [
        "相对人名称", "当事人名称", "被处罚人名称", "申请人名称", "被许可人名称", "相对人", "处罚对象", "许可对象",
    ]

    /// Person fields that name a party's representative or agent, not the party.
    static let representative: LabelSet = ["法定代表人", "负责人", "委托代理人", "代理人", "法定代理人", "监护人"]

    /// Fields that hold a home address. 住所 and 住所地 are a company's registered seat when the party is one.
    static let homeAddress: LabelSet = [
        "住址", "家庭住址", "现住址", "户籍地", "户籍所在地", "户籍地址", "居住地", "经常居住地", "身份证住址", "家庭地址",
        "居住地址", "现居住地", "现住", "住所", "住所地", "家住",
    ]
    static let seatAddress: LabelSet = ["住所", "住所地"]

    /// Labels of an office's own published numbers and mailboxes.
    static let office: LabelSet = [
        "咨询电话", "监督电话", "投诉电话", "举报电话", "服务热线", "热线", "传真", "办公电话", "值班电话", "受理电话",
        "咨询", "监督", "投诉", "举报", "受理", "办公室", "政务服务", "公开", "官方", "机关", "信箱", "窗口",
    ]

    /// Words of a passage giving an office's contact details (「请与……办公室联系。联系地址：……；传真：……；电子邮箱：……」):
    /// a number or mailbox after them is the office's, unless it stands in a person's particulars.
    static let officeContact: LabelSet = [
        "传真", "邮编", "邮政编码", "联系地址", "通信地址", "通讯地址", "办公室", "领导小组", "咨询电话", "监督电话",
        "政府信息公开", "办公时间", "工作时间", "受理地点", "办公地址", "来信地址",
    ]

    /// Labels saying a number is personal whatever its surroundings.
    static let personalPhone: LabelSet = ["手机", "住宅电话", "家庭电话", "个人电话", "本人电话", "移动电话"]

    /// Labels of numbers that are not personal data: document, case, order and registration numbers, postcodes.
    static let numbering: LabelSet = [
        "文号", "编号", "案号", "订单", "单号", "流水号", "注册号", "登记号", "许可证号", "证书号", "批准文号", "邮编",
        "邮政编码", "合同号", "序号", "条码", "发票", "票号", "备案号", "批号", "代码", "识别号", "税号", "工单", "受理号",
        "档案号", "字第", "号码段", "批次",
    ]

    /// Labels of an identity number.
    static let identity: LabelSet = ["身份证", "公民身份号码", "证件号码", "身份号码", "身份证号", "证件号"]

    /// Labels of a bank card or personal account.
    static let card: LabelSet = ["银行卡", "卡号", "账号", "账户", "借记卡", "信用卡", "帐号", "帐户"]

    /// Words in an account label that make it the collecting office's account (罚没款 paid in), not a person's.
    static let payee: LabelSet = ["收款", "缴款", "国库", "财政", "非税", "户名", "开户行", "开户银行", "代收"]

    /// Labels of a passport or travel permit.
    static let passport: LabelSet = ["护照", "通行证", "旅行证"]

    /// Labels of an office's address: a flat number after them is an office, not a home.
    static let officeAddress: LabelSet = [
        "地址", "办公地址", "通信地址", "通讯地址", "来信地址", "邮寄地址", "地点", "位于", "办公地点", "受理地点", "办公场所",
        "经营场所", "注册地址", "营业场所", "生产地址", "设于", "设在",
    ]

    /// Words ending or inside an organisation's name (公司, 厂, 店, 中心, 合作社 …).
    static let organisation = LabelSet(organisationWords)
    static let organisationWords = [
        "公司", "厂", "店", "中心", "合作社", "局", "委员会", "政府", "医院", "学校", "部", "社", "所", "站", "行", "场",
        "馆", "院", "会", "处", "队", "园", "室", "吧", "铺", "坊", "集团", "企业", "单位", "商行", "门市", "超市", "诊所",
        "药房", "酒店", "宾馆", "餐厅", "饭店", "大学", "协会", "银行", "有限", "机关", "村委", "小组", "科", "校", "台",
        "厅", "矿", "庄", "阁", "轩", "楼", "城", "家园",
    ]

    /// Values of a name field that are no name.
    static let noName: Set<String> = [
        "无", "不详", "本人", "个人", "自然人", "同上", "见附件", "略", "空", "男", "女", "暂无", "未知", "其他", "你", "您",
        "申请人", "当事人", "姓名", "性别", "民族", "住址", "电话", "身份证", "汉族", "职务", "签名", "盖章", "签字",
    ]

    /// Words that end a table's column heading (罚款, 金额, 日期 …): the cell after 当事人 in a header row is one, not a name.
    static let columnWords: LabelSet = [
        "罚款", "金额", "日期", "时间", "文号", "备注", "事由", "序号", "结果", "依据", "类别", "内容", "名称", "地址", "号码",
        "代码", "性别", "民族", "职务", "电话", "住址", "证件", "情况", "类型", "数额", "事实", "机关", "部门", "期限", "状态",
        "编号", "单位", "种类", "意见", "方式", "年龄", "签名",
    ]

    /// Words on the way to a personal record (a natural person's particulars).
    static let personMarkers: [String] = ["身份证", "公民身份号码", "性别", "出生", "民族"]

    /// Two-character surnames, kept whole when a name is masked (欧阳某).
    static let compoundSurnames: [String] = [
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木",
        "独孤", "南宫", "西门", "万俟", "闻人", "呼延", "轩辕", "澹台", "申屠", "太史", "公冶", "濮阳", "淳于", "单于",
    ]

    static func hasSuffix(_ text: String, _ labels: LabelSet) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            labels.words.contains { suffix in
                suffix.count <= bytes.count && bytes[(bytes.count - suffix.count)...].elementsEqual(suffix)
            }
        }
    }

    /// Whether any of `labels` occurs in `text`, compared as UTF-8 bytes (the texts are short labels).
    static func contains(_ text: String, _ labels: LabelSet) -> Bool {
        var text = text
        return text.withUTF8 { bytes in labels.words.contains { includes(bytes, $0) } }
    }

    static func includes(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= bytes.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            var offset = 1
            while offset < needle.count, bytes[start + offset] == needle[offset] { offset += 1 }
            if offset == needle.count { return true }
        }
        return false
    }
}

/// Words compared as UTF-8 bytes, converted once.
struct LabelSet: ExpressibleByArrayLiteral, Sendable {
    let words: [[UInt8]]

    init(arrayLiteral elements: String...) {
        words = elements.map { Array($0.utf8) }
    }

    init(_ elements: [String]) {
        words = elements.map { Array($0.utf8) }
    }
}
