import Foundation
public import GongkaiModel
import GongkaiScreen

/// The identity document an applicant names (条例第二十九条「身份证明」).
public enum IdentityDocument: String, Sendable, Hashable, Codable, CaseIterable {
    case residentID = "resident_id"
    case passport = "passport"
    case homeReturnPermit = "home_return_permit"
    case taiwanPermit = "taiwan_permit"
    case creditCode = "credit_code"
    case other = "other"

    public var chinese: String {
        switch self {
        case .residentID: "居民身份证"
        case .passport: "护照"
        case .homeReturnPermit: "港澳居民来往内地通行证"
        case .taiwanPermit: "台湾居民来往大陆通行证"
        case .creditCode: "统一社会信用代码"
        case .other: "其他证件"
        }
    }
}

/// The form the information is wanted in (所需信息的指定提供方式).
public enum ProvisionForm: String, Sendable, Hashable, Codable, CaseIterable {
    case paper = "paper"
    case email = "email"
    case disc = "disc"
    case disk = "disk"

    public var chinese: String {
        switch self {
        case .paper: "纸质"
        case .email: "电子邮件"
        case .disc: "光盘"
        case .disk: "磁盘（U盘）"
        }
    }
}

/// How the applicant will get it (获取信息的方式).
public enum CollectionMethod: String, Sendable, Hashable, Codable, CaseIterable {
    case post = "post"
    case email = "email"
    case fax = "fax"
    case inPerson = "in_person"

    public var chinese: String {
        switch self {
        case .post: "邮寄"
        case .email: "电子邮件"
        case .fax: "传真"
        case .inPerson: "自行领取"
        }
    }
}

/// A field of the application form a check found wrong, with the reason in words the applicant understands.
public struct FormProblem: Sendable, Hashable {
    /// The field's name in the form (`id_number`, `phone`…).
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// An application as the applicant fills it in on the public page: what 条例第二十九条 asks for — who applies (姓名或者
/// 名称、身份证明、联系方式), the information wanted (名称、文号或者特征性描述) and the form it is wanted in — and the
/// optional 用途. ``problems`` tells every field that is missing or wrong.
public struct ApplicationForm: Sendable, Hashable, Codable {
    public var applicantType: ApplicantType
    /// 姓名 or 名称.
    public var name: String
    public var identityDocument: IdentityDocument
    public var identityNumber: String
    /// 联系地址 (letters go there).
    public var address: String
    public var phone: String
    /// Empty when not given; required when the information is to come by e-mail.
    public var email: String
    /// 所需信息的名称.
    public var informationName: String
    /// 文号, when the applicant knows it.
    public var documentNumber: String
    /// 所需信息的特征性描述.
    public var description: String
    /// 用途 (optional).
    public var purpose: String
    public var provision: ProvisionForm
    public var collection: CollectionMethod

    public init(
        applicantType: ApplicantType,
        name: String,
        identityDocument: IdentityDocument,
        identityNumber: String,
        address: String,
        phone: String,
        email: String = "",
        informationName: String,
        documentNumber: String = "",
        description: String = "",
        purpose: String = "",
        provision: ProvisionForm,
        collection: CollectionMethod
    ) {
        self.applicantType = applicantType
        self.name = name
        self.identityDocument = identityDocument
        self.identityNumber = identityNumber
        self.address = address
        self.phone = phone
        self.email = email
        self.informationName = informationName
        self.documentNumber = documentNumber
        self.description = description
        self.purpose = purpose
        self.provision = provision
        self.collection = collection
    }

    /// The most characters each text field may hold.
    public static let limits: [String: Int] = [
        "name": 100, "id_number": 40, "address": 200, "phone": 40, "email": 254, "information_name": 200,
        "document_number": 100, "description": 2000, "purpose": 500,
    ]

    /// Every field that is missing or wrong, in the order of the form; empty when the form may be filed.
    public var problems: [FormProblem] {
        var problems: [FormProblem] = []
        func add(_ field: String, _ message: String) { problems.append(FormProblem(field: field, message: message)) }
        let texts: [(field: String, value: String, label: String)] = [
            ("name", name, applicantType == .natural ? "姓名" : "名称"), ("id_number", identityNumber, "证件号码"),
            ("address", address, "联系地址"), ("phone", phone, "联系电话"), ("email", email, "电子邮箱"),
            ("information_name", informationName, "所需信息的名称"), ("document_number", documentNumber, "文号"),
            ("description", description, "所需信息的描述"), ("purpose", purpose, "用途"),
        ]
        for text in texts {
            if let limit = Self.limits[text.field], text.value.count > limit {
                add(text.field, "「\(text.label)」最多\(limit)个字，现有\(text.value.count)个字。")
            }
            if text.value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\r" }) {
                add(text.field, "「\(text.label)」含有无法显示的控制字符。")
            }
        }
        if name.isEmpty { add("name", applicantType == .natural ? "请填写申请人姓名。" : "请填写法人或其他组织的名称。") }
        if identityNumber.isEmpty {
            add("id_number", "请填写证件号码（身份证明，条例第二十九条）。")
        } else if let problem = Self.identityProblem(identityDocument, identityNumber) {
            add("id_number", problem)
        }
        if applicantType == .natural && identityDocument == .creditCode {
            add("id_document", "公民申请请选择本人的身份证件；统一社会信用代码用于法人或其他组织。")
        }
        if address.isEmpty { add("address", "请填写联系地址，以便寄送告知书和信息。") }
        if phone.isEmpty {
            add("phone", "请填写联系电话。")
        } else if !Self.isPhone(phone) {
            add("phone", "联系电话「\(phone)」不像有效号码：手机为1开头的11位数字，固定电话为区号加7至8位号码。")
        }
        if email.isEmpty {
            if provision == .email || collection == .email {
                add("email", "选择以电子邮件提供或获取信息时，请填写电子邮箱。")
            }
        } else if !Self.isEmail(email) {
            add("email", "电子邮箱「\(email)」格式不正确，应如 name@example.cn。")
        }
        if informationName.isEmpty && documentNumber.isEmpty && description.isEmpty {
            add("information_name", "请填写所需信息的名称、文号或者特征性描述，至少一项（条例第二十九条）。")
        }
        return problems
    }

    /// Why an identity number does not fit its document, or nil when it does.
    static func identityProblem(_ document: IdentityDocument, _ number: String) -> String? {
        switch document {
        case .residentID:
            let upper = number.uppercased()
            if upper.count == 18 {
                if CheckDigits.isResidentID18(upper) { return nil }
                if CheckDigits.looksLikeResidentID18(upper) {
                    return "身份证号码「\(number)」的最后一位校验码不正确，请核对后重新填写。"
                }
                return "身份证号码「\(number)」不正确：前6位应为地区代码，第7至14位为出生日期。"
            }
            if upper.count == 15, CheckDigits.isResidentID15(upper) { return nil }
            return "身份证号码应为18位（最后一位可为X），收到的是\(number.count)位。"
        case .creditCode:
            return CheckDigits.isCreditCode(number.uppercased())
                ? nil : "统一社会信用代码「\(number)」不正确：应为18位，最后一位校验码须与前17位相符。"
        case .passport, .homeReturnPermit, .taiwanPermit, .other:
            let allowed = number.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
            }
            return allowed && (5...40).contains(number.count) ? nil : "证件号码「\(number)」应为5至40位字母和数字。"
        }
    }

    /// A mainland mobile number (11 digits from 13–19), a fixed line with its area code (0 and 9–11 more digits) or
    /// without (7–8 digits), an optional extension after 「-」 or 「转」; spaces, hyphens, brackets and a leading +86 are
    /// allowed.
    public static func isPhone(_ text: String) -> Bool {
        var main = text
        for separator in ["转", "ext", "#"] {
            if let range = main.range(of: separator) {
                let ext = main[range.upperBound...].filter { $0 != " " }
                guard !ext.isEmpty, ext.count <= 6, ext.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
                main = String(main[..<range.lowerBound])
            }
        }
        var digits = ""
        for character in main {
            if character.isASCII && character.isNumber {
                digits.append(character)
            } else if !" -()（）+".contains(character) {
                return false
            }
        }
        if main.trimmingPrefixSpaces.hasPrefix("+") {
            guard digits.hasPrefix("86") else { return false }
            digits.removeFirst(2)
            if !digits.hasPrefix("1") { digits = "0" + digits }
        }
        if digits.count == 11, digits.hasPrefix("1") { return ("3"..."9").contains(digits.dropFirst().first ?? "0") }
        if digits.hasPrefix("0") { return (10...12).contains(digits.count) }
        return (7...8).contains(digits.count) && !digits.hasPrefix("1")
    }

    /// An e-mail address: one 「@」, a local part of at most 64 characters without spaces, and a domain of letters,
    /// digits and hyphens with a dot.
    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, text.count <= 254 else { return false }
        let localAllowed = "!#$%&'*+/=?^_`{|}~.-"
        guard
            parts[0].unicodeScalars.allSatisfy({
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
                        || localAllowed.unicodeScalars.contains($0))
            }),
            !parts[0].hasPrefix("."), !parts[0].hasSuffix("."), !parts[0].contains("..")
        else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, last.count >= 2, last.allSatisfy(\.isLetter) else {
            return false
        }
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy {
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
                }
        }
    }

    /// The request as the register keeps it (``Application/request``): the information wanted and the form asked for.
    public var request: String {
        var parts: [String] = []
        if !informationName.isEmpty { parts.append("所需信息：\(informationName)") }
        if !documentNumber.isEmpty { parts.append("文号：\(documentNumber)") }
        if !description.isEmpty { parts.append("描述：\(description)") }
        if !purpose.isEmpty { parts.append("用途：\(purpose)") }
        parts.append("提供方式：\(provision.chinese)；获取方式：\(collection.chinese)")
        return parts.joined(separator: "；")
    }

    /// The contact details as the register keeps them (``Applicant/contact``).
    public var contact: String {
        ([address, phone, email].filter { !$0.isEmpty }).joined(separator: "；")
    }

    /// The applicant as the register keeps one.
    public var applicant: Applicant {
        Applicant(name: name, identification: identityNumber.uppercased(), contact: contact)
    }

    /// The application, received through the internet on `date` (条例第三十一条：双方确认之日, the day it is signed
    /// for), with the id it is registered under (empty for the next free 登记号).
    public func application(id: String = "", receivedOn date: CalendarDate) -> Application {
        Application(
            id: id,
            applicant: applicant,
            applicantType: applicantType,
            request: request,
            channel: .online,
            received: date
        )
    }

    /// The form of an application a clerk entered, for moving it to another agency: its applicant and request as
    /// they were entered.
    public init(_ application: Application) {
        let contact = application.applicant.contact
        let email =
            contact.split(whereSeparator: { "；;，, ".contains($0) }).map(String.init).first(where: Self.isEmail) ?? ""
        self.init(
            applicantType: application.applicantType,
            name: application.applicant.name,
            identityDocument: application.applicantType == .natural ? .residentID : .creditCode,
            identityNumber: application.applicant.identification,
            address: contact,
            phone: "",
            email: email,
            informationName: "",
            description: application.request,
            provision: .paper,
            collection: email.isEmpty ? .post : .email
        )
    }
}

extension String {
    fileprivate var trimmingPrefixSpaces: Substring { drop { $0 == " " } }
}
