import GongkaiModel

/// Narrative text cut into clauses and sentences, with the numbers they state.
enum Clauses {
    /// Clauses: text between 。；，, with line breaks removed (wrapped lines join up) and spaces dropped.
    static func split(_ text: String) -> [String] {
        pieces(text) { clauseSeparators.contains($0) }
    }

    /// Sentences: text between 。； and paragraph ends.
    static func sentences(_ text: String) -> [String] {
        pieces(text) { sentenceSeparators.contains($0) }
    }

    static let clauseSeparators: [Unicode.Scalar] = ["。", "；", ";", "，", ",", "！", "？"]
    static let sentenceSeparators: [Unicode.Scalar] = ["。", "；", ";", "！", "？"]

    static func pieces(_ text: String, isSeparator: (Unicode.Scalar) -> Bool) -> [String] {
        let key = Array(LabelText.key(text).unicodeScalars)
        var result: [String] = []
        var start = 0
        for index in key.indices where isSeparator(key[index]) || index == key.count - 1 {
            let end = isSeparator(key[index]) ? index : index + 1
            if start < end {
                result.append(ScalarText.string(key[start..<end].lazy.filter { $0 != "\n" && $0 != "\r" }))
            }
            start = index + 1
        }
        return result.filter { !$0.isEmpty }
    }

    /// Counts a clause states: integers followed by 件 (「申请21件」).
    static func counts(_ clause: String) -> [Int] {
        var result: [Int] = []
        var value = 0
        var digits = 0
        for scalar in clause.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                digits += 1
                if digits <= 15 { value = value * 10 + Int(scalar.value - 0x30) }
                continue
            }
            if digits > 0, digits <= 15, scalar == "件" { result.append(value) }
            value = 0
            digits = 0
        }
        return result
    }
}
