/// The check digits that tell a real identifier from any run of digits.
public enum CheckDigits {
    /// GB 11643-1999: the check character of an 18-character 公民身份号码 (ISO 7064 MOD 11-2) from its first 17 digits.
    public static func residentIDCheck(_ first17: some Collection<UInt8>) -> UInt8? {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        guard first17.count == 17 else { return nil }
        var sum = 0
        for (digit, weight) in zip(first17, weights) {
            guard digit >= 0x30, digit <= 0x39 else { return nil }
            sum += Int(digit - 0x30) * weight
        }
        return Array("10X98765432".utf8)[sum % 11]
    }

    /// Whether 18 characters are a 公民身份号码: a province code, a real birth date and the GB 11643 check character.
    public static func isResidentID18(_ text: some StringProtocol) -> Bool {
        let bytes = Array(text.utf8).map { $0 == 0x78 ? 0x58 : $0 }
        guard bytes.count == 18, let check = residentIDCheck(bytes[0..<17]), check == bytes[17] else { return false }
        return hasProvince(bytes) && birthDate(bytes, at: 6, centuryDigits: true)
    }

    /// Whether 15 digits are an old (first-generation) 身份证号码: a province code and a real birth date 19YYMMDD.
    public static func isResidentID15(_ text: some StringProtocol) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 15, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return hasProvince(bytes) && birthDate(bytes, at: 6, centuryDigits: false)
    }

    /// Whether an 18-character number has a province code and a real birth date, whatever its check character.
    public static func looksLikeResidentID18(_ text: some StringProtocol) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 18, bytes[0..<17].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return hasProvince(bytes) && birthDate(bytes, at: 6, centuryDigits: true)
    }

    /// GB/T 2260's province codes: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, and 71, 81, 82 (Taiwan, Hong Kong, Macao).
    static func hasProvince(_ bytes: [UInt8]) -> Bool {
        let code = Int(bytes[0] - 0x30) * 10 + Int(bytes[1] - 0x30)
        switch code {
        case 11...15, 21...23, 31...37, 41...46, 50...54, 61...65, 71, 81, 82, 83: return true
        default: return false
        }
    }

    /// Whether the digits at `start` are a date from 1900 to 2030 (YYYYMMDD, or YYMMDD read as 19YY).
    static func birthDate(_ bytes: [UInt8], at start: Int, centuryDigits: Bool) -> Bool {
        func number(_ from: Int, _ count: Int) -> Int {
            bytes[from..<(from + count)].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        let year = centuryDigits ? number(start, 4) : 1900 + number(start, 2)
        let offset = start + (centuryDigits ? 4 : 2)
        let month = number(offset, 2)
        let day = number(offset + 2, 2)
        guard (1900...2030).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }

    /// The 31 characters of GB 32100-2015, in the order of their values.
    static let creditCodeCharacters = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)

    /// GB 32100-2015's registering authorities (the first character) and the kinds of organisation each registers
    /// (the second): 9 工商 → 1 企业, 2 个体工商户, 3 农民专业合作社; 1 机构编制 → 1 机关, 2 事业单位, 3 群众团体, 9 其他 ….
    static let creditCodeKinds: [UInt8: String] = [
        0x31: "1239", 0x32: "19", 0x33: "123459", 0x34: "19", 0x35: "1239", 0x36: "19", 0x37: "129", 0x38: "19",
        0x39: "123", 0x41: "19", 0x4E: "1239", 0x59: "1",
    ]

    /// GB 32100-2015: whether 18 characters are a 统一社会信用代码 with a correct check character, a registering authority
    /// and kind of organisation the standard lists, and a region code of six digits with a province in places 3–8.
    public static func isCreditCode(_ text: some StringProtocol) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 18 else { return false }
        let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        var sum = 0
        for index in 0..<17 {
            guard let value = creditCodeCharacters.firstIndex(of: bytes[index]) else { return false }
            sum += value * weights[index]
        }
        guard bytes[2..<8].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), hasProvince(Array(bytes[2..<4])),
            let kinds = creditCodeKinds[bytes[0]], kinds.utf8.contains(bytes[1])
        else { return false }
        let check = (31 - sum % 31) % 31
        return creditCodeCharacters[check] == bytes[17]
    }

    /// The Luhn (ISO/IEC 7812) check of a bank card number.
    public static func passesLuhn(_ digits: some StringProtocol) -> Bool {
        let bytes = Array(digits.utf8)
        guard bytes.count >= 2, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        var sum = 0
        for (position, byte) in bytes.reversed().enumerated() {
            var value = Int(byte - 0x30)
            if position % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }
}
