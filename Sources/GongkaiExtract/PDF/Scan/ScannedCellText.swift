/// What a scanned table cell says, settled from its readings: a label as Chinese recognition read it; a value only
/// when it is certain.
///
/// Every cell with writing is read as Chinese text. A cell that reads as a number, or that stands in a column of
/// numbers and reads as no Chinese, is a value cell and is read again as digits alone. Its number is taken only when
/// the digit reading is one clean number, the Chinese reading agrees with it
/// digit for digit (a letter of a digit's shape counting as that digit), and neither reading is unsure (Tesseract's
/// confidence); a placeholder (「/」「-」「无」) is taken when the Chinese reading shows one and no digit is read
/// with confidence. Any other value cell is ``unreadable``: unknown, never a guessed or empty value.
enum ScannedCellText {
    /// The text of a cell whose writing could not be read for certain.
    static let unreadable = ExtractedCell.unreadableText
    /// The least confidence (0–100) of the digit reading at which a number is taken.
    static let minimumConfidence = 70.0
    /// The least confidence of the Chinese reading, and of the digit reading of a lone 「1」: the Chinese model is
    /// seldom sure of digits (50–90), and Tesseract is rarely sure of a lone 「1」 (40–70) even when both readings
    /// agree on it.
    static let leastConfidence = 35.0

    /// Characters Chinese recognition gives for a digit's shape, as digits.
    static let digitLookAlikes: [Character: Character] = [
        "O": "0", "o": "0", "〇": "0", "Ｏ": "0", "D": "0", "l": "1", "I": "1", "|": "1", "丨": "1", "]": "1", "[": "1",
        "S": "5", "s": "5",
        "B": "8", "Z": "2", "z": "2", "g": "9", "q": "9",
    ]

    /// The Chinese reading with full-width digits made ASCII and spaces removed.
    static func plain(_ text: String) -> String {
        var result = ""
        for character in text where !character.isWhitespace {
            if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                (0xFF10...0xFF19).contains(scalar.value)
            {
                result.append(Character(Unicode.Scalar(scalar.value - 0xFF10 + 0x30) ?? "0"))
            } else if character == "．" || character == "。" {
                result.append(".")
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// Brackets Chinese recognition reads for the opening 「（」 of a row marker.
    static let openingLookAlikes: Set<Character> = ["《", "〈", "<", "「", "『", "(", "（", "[", "【"]
    static let closingLookAlikes: Set<Character> = ["》", "〉", ">", "」", "』", ")", "）", "]", "】"]

    /// A label as read, its row marker made plain when recognition took its bracket for another one (「《二)部分公开」
    /// → 「（二）部分公开」): a bracket, one or two Chinese numerals and a closing bracket at the start.
    static func label(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count >= 3, openingLookAlikes.contains(characters[0]) else { return text }
        var end = 1
        while end < characters.count, end <= 2, "一二三四五六七八九十".contains(characters[end]) { end += 1 }
        guard end > 1, end < characters.count, closingLookAlikes.contains(characters[end]) else { return text }
        return "（" + String(characters[1..<end]) + "）" + String(characters[(end + 1)...])
    }

    /// Whether `text` is a plain number: digits, with at most one decimal point between digits.
    static func isNumber(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !text.isEmpty else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// Whether the Chinese reading looks like a number (digits and their look-alikes, nothing else).
    static func looksNumeric(_ text: String) -> Bool {
        let plain = plain(text)
        guard !plain.isEmpty, plain.contains(where: { $0.isASCII && $0.isNumber }) else { return false }
        return plain.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "." || digitLookAlikes[$0] != nil }
    }

    /// Whether the Chinese reading holds no Chinese character but the look-alikes of digits.
    static func hasNoChinese(_ text: String) -> Bool {
        plain(text).unicodeScalars.allSatisfy { scalar in
            scalar.value < 0x2E80 || scalar == "〇" || scalar == "一"
        }
    }

    /// Marks Chinese recognition makes of a speck.
    static let speckMarks: Set<Character> = [
        ".", ":", "：", "“", "”", "\"", "'", "‘", "’", ",", "，", "、", "·", "-", "_", "`", "^",
    ]

    /// Placeholders a cell prints for an empty value.
    static let placeholders: Set<String> = ["/", "\\", "-", "—", "——", "–", "－", "―", "--", "无", "空", "×"]

    /// The least confidence of each of the two digit readings when they agree with each other but not with the
    /// Chinese reading (which often misreads a digit: 「26」 as 「20」).
    static let agreeingDigitsConfidence = 90.0
    /// Below this confidence, a Chinese reading that holds Chinese does not stand against both digit readings.
    static let unsureChinese = 50.0

    /// The text of a value cell from its Chinese reading and its two digit readings (the cell as cut, and enlarged).
    ///
    /// A number is taken when two of the three readings agree on it digit for digit, each sure enough, and no digit
    /// reading says another number with confidence: the Chinese reading and either digit reading (the other read
    /// nothing, the same, or was unsure), or both digit readings, each very sure, over a Chinese reading with no
    /// Chinese in it or an unsure one as long as the number.
    ///
    /// `specksBeside` tells that the digit readings were of the writing without specks before or after it: marks
    /// the Chinese reading shows at its ends are then those specks, and left out.
    static func value(
        text: CellRecognizer.Reading,
        digits: CellRecognizer.Reading,
        enlarged: CellRecognizer.Reading,
        specksBeside: Bool = false
    ) -> String {
        var chinese = plain(text.text)
        if specksBeside {
            while let first = chinese.first, speckMarks.contains(first) { chinese.removeFirst() }
            while let last = chinese.last, speckMarks.contains(last) { chinese.removeLast() }
        }
        let chineseDigits = String(chinese.map { digitLookAlikes[$0] ?? $0 })
        func number(_ reading: CellRecognizer.Reading) -> String? {
            let text = reading.text.filter { !$0.isWhitespace }
            return reading.words.count == 1 && isNumber(text) ? text : nil
        }
        func isSure(_ reading: CellRecognizer.Reading, _ number: String) -> Bool {
            reading.confidence >= (number == "1" ? leastConfidence : minimumConfidence)
        }
        let first = number(digits)
        let second = number(enlarged)
        // A digit reading that is neither empty nor unsure, saying something else.
        func contradicts(_ reading: CellRecognizer.Reading, _ read: String?, _ value: String) -> Bool {
            !reading.words.isEmpty && read != value && reading.confidence >= minimumConfidence
        }
        if text.confidence >= leastConfidence {
            if let first, first == chineseDigits, isSure(digits, first), !contradicts(enlarged, second, first) {
                return first
            }
            if let second, second == chineseDigits, isSure(enlarged, second), !contradicts(digits, first, second) {
                return second
            }
        }
        // The Chinese reading may hold a character for a digit it could not make out, when it is unsure of it and
        // reads as many characters as there are digits (「4」 as 「和」).
        let chineseAllows =
            hasNoChinese(text.text) || (text.confidence < unsureChinese && chinese.count == (first?.count ?? -1))
        if let first, first == second, chineseAllows, !chinese.isEmpty,
            digits.confidence >= agreeingDigitsConfidence, enlarged.confidence >= agreeingDigitsConfidence
        {
            return first
        }
        let digitsSure = [digits, enlarged].contains { !$0.words.isEmpty && $0.confidence >= 80 }
        if placeholders.contains(chinese), !digitsSure {
            return chinese
        }
        return unreadable
    }

    /// The text of a value cell when Tesseract's readings and the second reader (``DigitReader``, `own`) agree.
    ///
    /// A number is taken only when the second reader read it for certain and Tesseract read the same: its readings
    /// settled on it (``value(text:digits:enlarged:specksBeside:)``), or one of them says it with some confidence
    /// (the Chinese one with digits' look-alikes as digits) and none says another number with confidence. When the
    /// second reader reads no number for certain, a number Tesseract's readings settled on is taken only when
    /// `ownAllows` it (``DigitReader/allows(_:in:)``: each glyph resembles its digit as much as any other). A
    /// placeholder is taken as Tesseract settles it when the second reader reads no number. Anything else is
    /// ``unreadable``.
    static func agreed(
        text: CellRecognizer.Reading,
        digits: CellRecognizer.Reading,
        enlarged: CellRecognizer.Reading,
        own: String?,
        ownAllows: (String) -> Bool = { _ in false },
        specksBeside: Bool = false
    ) -> String {
        let settled = value(text: text, digits: digits, enlarged: enlarged, specksBeside: specksBeside)
        guard let own else {
            if placeholders.contains(settled) { return settled }
            // Tesseract's readings settled on a number the second reader could not read for certain but finds
            // glyph for glyph among what the writing may be.
            return isNumber(settled) && ownAllows(settled) ? settled : unreadable
        }
        if settled == own { return own }
        var chinese = plain(text.text)
        if specksBeside {
            while let first = chinese.first, speckMarks.contains(first) { chinese.removeFirst() }
            while let last = chinese.last, speckMarks.contains(last) { chinese.removeLast() }
        }
        let chineseDigits = String(chinese.map { digitLookAlikes[$0] ?? $0 })
        // Each of Tesseract's readings: the number it says (nil when none) and its confidence.
        func number(_ reading: CellRecognizer.Reading) -> String? {
            let text = reading.text.filter { !$0.isWhitespace }
            return reading.words.count == 1 && isNumber(text) ? text : nil
        }
        let readings: [(number: String?, confidence: Double, isEmpty: Bool)] = [
            (isNumber(chineseDigits) ? chineseDigits : nil, text.confidence, chinese.isEmpty),
            (number(digits), digits.confidence, digits.words.isEmpty),
            (number(enlarged), enlarged.confidence, enlarged.words.isEmpty),
        ]
        let saysOther = readings.contains { !$0.isEmpty && $0.number != own && $0.confidence >= minimumConfidence }
        let saysSame = readings.contains { $0.number == own && $0.confidence >= leastConfidence }
        return saysSame && !saysOther ? own : unreadable
    }
}
