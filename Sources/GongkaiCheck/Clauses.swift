import GongkaiModel

/// Narrative text cut into clauses and sentences, with the numbers they state.
enum Clauses {
    /// Clauses: text between 。；，！？ (either width), with line breaks removed (wrapped lines join up) and spaces
    /// dropped.
    static func split(_ text: String) -> [Substring] {
        pieces(ofKey: Substring(LabelText.key(text)), atCommas: true)
    }

    /// `split` of text that is already a label key (``LabelText/key(_:)``), such as a sentence from
    /// ``sentences(ofKey:)``. A key of a key is the same key, except that a `"` the first pass made from a full-width
    /// ＂ is dropped by the second; only then is the second pass made.
    static func split(key: Substring) -> [Substring] {
        pieces(ofKey: key.includes("\"") ? Substring(LabelText.key(key)) : key, atCommas: true)
    }

    /// Sentences: text between 。；！？ and paragraph ends, of text that is already a label key.
    static func sentences(ofKey key: Substring) -> [Substring] {
        pieces(ofKey: key, atCommas: false)
    }

    /// Cuts a label key (where full-width punctuation is already ASCII) at sentence ends and, when `atCommas`, at
    /// commas; works on UTF-8 bytes, where every separator but 。 is one ASCII byte. Line breaks are dropped. A piece
    /// on one line is a slice of the key, not a copy.
    static func pieces(ofKey key: Substring, atCommas: Bool) -> [Substring] {
        let utf8 = key.utf8
        let cut = utf8.withContiguousStorageIfAvailable { bytes in
            var result: [Substring] = []
            // The start of the piece's current run of bytes; runs before a line break wait in `joined`.
            var runStart = 0
            var joined: [UInt8] = []
            func finish(at end: Int) {
                if joined.isEmpty {
                    if end > runStart {
                        let start = utf8.index(utf8.startIndex, offsetBy: runStart)
                        result.append(key[start..<utf8.index(start, offsetBy: end - runStart)])
                    }
                } else {
                    joined.append(contentsOf: bytes[runStart..<end])
                    result.append(Substring(String(decoding: joined, as: UTF8.self)))
                    joined.removeAll(keepingCapacity: true)
                }
            }
            var index = 0
            while index < bytes.count {
                switch bytes[index] {
                case 0x0A, 0x0D:
                    joined.append(contentsOf: bytes[runStart..<index])
                    index += 1
                    runStart = index
                case UInt8(ascii: ";"), UInt8(ascii: "!"), UInt8(ascii: "?"):
                    finish(at: index)
                    index += 1
                    runStart = index
                case UInt8(ascii: ",") where atCommas:
                    finish(at: index)
                    index += 1
                    runStart = index
                case 0xE3 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x82:
                    // 。
                    finish(at: index)
                    index += 3
                    runStart = index
                default:
                    index += 1
                }
            }
            finish(at: bytes.count)
            return result
        }
        return cut ?? pieces(ofKey: Substring(String(key)), atCommas: atCommas)
    }

    /// Counts a clause states: integers followed by 件 (「申请21件」).
    static func counts(_ clause: some StringProtocol) -> [Int] {
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
