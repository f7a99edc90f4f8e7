/// Narrative text cut into clauses and sentences, with the numbers they state.
enum Clauses {
    /// Clauses: text between 。；，, with line breaks removed (wrapped lines join up) and spaces dropped.
    static func split(_ text: String) -> [String] {
        pieces(text, separators: ["。", "；", ";", "，", ",", "！", "？"])
    }

    /// Sentences: text between 。； and paragraph ends.
    static func sentences(_ text: String) -> [String] {
        pieces(text, separators: ["。", "；", ";", "！", "？"])
    }

    static func pieces(_ text: String, separators: Set<Character>) -> [String] {
        let key = LabelText.key(text.replacingNewlines)
        var result: [String] = []
        var current = ""
        for character in key {
            if separators.contains(character) {
                if !current.isEmpty { result.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Counts a clause states: integers followed by 件 (「申请21件」).
    static func counts(_ clause: String) -> [Int] {
        var result: [Int] = []
        var digits = ""
        for character in clause {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            if !digits.isEmpty, character == "件", let value = Int(digits) { result.append(value) }
            digits = ""
        }
        return result
    }
}

extension String {
    /// Lines joined without a separator, as wrapped Chinese text reads.
    var replacingNewlines: String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in self where character != "\n" && character != "\r\n" && character != "\r" {
            result.append(character)
        }
        return result
    }
}
