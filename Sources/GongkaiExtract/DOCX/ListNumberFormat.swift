/// A list number as Word prints it for a `w:numFmt` value: 「一」 for chineseCounting, 「甲」 for ideographTraditional,
/// 「①」 for decimalEnclosedCircle, and so on; formats without a printed number give an empty string.
enum ListNumberFormat {
    static func text(_ number: Int, format: String) -> String {
        switch format {
        case "decimal": String(number)
        case "decimalZero": number < 10 ? "0\(number)" : String(number)
        case "decimalFullWidth", "decimalFullWidth2", "decimalHalfWidth": String(number)
        case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
            "taiwaneseCountingThousand", "koreanCounting":
            chinese(number, digits: simpleDigits, ten: "十", hundred: "百", thousand: "千")
        case "chineseLegalSimplified":
            chinese(number, digits: legalDigits, ten: "拾", hundred: "佰", thousand: "仟", shortTen: false)
        case "ideographLegalTraditional", "japaneseLegal":
            chinese(number, digits: traditionalLegalDigits, ten: "拾", hundred: "佰", thousand: "仟", shortTen: false)
        case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
            String(String(number).unicodeScalars.map { zeroDigits[Int($0.value) - 48] })
        case "ideographTraditional": cycle(number, "甲乙丙丁戊己庚辛壬癸")
        case "ideographZodiac": cycle(number, "子丑寅卯辰巳午未申酉戌亥")
        case "decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle":
            enclosed(number, base: 0x2460, count: 20)
        case "decimalEnclosedParen": enclosed(number, base: 0x2474, count: 20)
        case "decimalEnclosedFullstop": enclosed(number, base: 0x2488, count: 20)
        case "lowerLetter": letters(number, upper: false)
        case "upperLetter": letters(number, upper: true)
        case "lowerRoman": roman(number).lowercased()
        case "upperRoman": roman(number)
        case "bullet", "none": ""
        default: String(number)
        }
    }

    private static let simpleDigits = Array("零一二三四五六七八九")
    private static let legalDigits = Array("零壹贰叁肆伍陆柒捌玖")
    private static let traditionalLegalDigits = Array("零壹貳參肆伍陸柒捌玖")
    private static let zeroDigits = Array("〇一二三四五六七八九")

    /// 1…9999 in Chinese counting: 十, 十一, 二十, 一百零一, 一千零一十; larger numbers in Arabic digits.
    private static func chinese(
        _ number: Int,
        digits: [Character],
        ten: Character,
        hundred: Character,
        thousand: Character,
        shortTen: Bool = true
    ) -> String {
        guard number > 0, number < 10000 else { return String(number) }
        let parts = [(number / 1000, thousand), (number / 100 % 10, hundred), (number / 10 % 10, ten)]
        var result = ""
        var pendingZero = false
        for (digit, unit) in parts {
            if digit == 0 {
                if !result.isEmpty { pendingZero = true }
                continue
            }
            if pendingZero { result.append(digits[0]) }
            pendingZero = false
            if !(shortTen && unit == ten && digit == 1 && result.isEmpty) { result.append(digits[digit]) }
            result.append(unit)
        }
        let last = number % 10
        if last > 0 {
            if pendingZero { result.append(digits[0]) }
            result.append(digits[last])
        }
        return result
    }

    private static func cycle(_ number: Int, _ symbols: String) -> String {
        let list = Array(symbols)
        guard number > 0 else { return String(number) }
        return String(list[(number - 1) % list.count])
    }

    private static func enclosed(_ number: Int, base: UInt32, count: Int) -> String {
        guard number >= 1, number <= count, let scalar = Unicode.Scalar(base + UInt32(number - 1)) else {
            return String(number)
        }
        return String(Character(scalar))
    }

    private static func letters(_ number: Int, upper: Bool) -> String {
        guard number > 0 else { return String(number) }
        let base: UInt8 = upper ? 65 : 97
        let letter = Character(Unicode.Scalar(base + UInt8((number - 1) % 26)))
        return String(repeating: letter, count: (number - 1) / 26 + 1)
    }

    private static func roman(_ number: Int) -> String {
        guard number > 0, number < 4000 else { return String(number) }
        let table: [(Int, String)] = [
            (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
            (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
        ]
        var rest = number
        var result = ""
        for (value, symbol) in table {
            while rest >= value {
                result += symbol
                rest -= value
            }
        }
        return result
    }
}
