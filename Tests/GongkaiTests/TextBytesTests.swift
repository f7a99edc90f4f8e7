import Foundation
import GongkaiModel
import Testing

@testable import GongkaiCheck
@testable import GongkaiCorpus
@testable import GongkaiExtract
@testable import GongkaiRead

/// The text reader and the label keys work on UTF-8 bytes; each byte-level path is checked here against the plain
/// scalar-by-scalar definition it replaces, on random lines made of the characters that matter.
@Suite("Byte-level text paths")
struct TextBytesTests {
    /// Every scalar the normalisations treat specially, their neighbours, separators, and ordinary text of each
    /// UTF-8 length.
    static let alphabet: [Unicode.Scalar] = [
        " ", "\t", "|", "-", ":", "\r", "\u{0C}", "\u{1B}", "\u{01}", "\u{10}", "\u{1F}", "a", "Z", "0", "9", ".", ",",
        "\"", "'", "*",
        "(", ")", "[", "]", "\u{A0}", "\u{AD}", "\u{A9}", "\u{1680}", "\u{167F}", "\u{2002}", "\u{200A}", "\u{200B}",
        "\u{200D}", "\u{200E}", "\u{2001}", "\u{202F}", "\u{205F}", "\u{2060}", "\u{2061}", "\u{3000}", "\u{3001}",
        "\u{FEFF}", "\u{FF00}", "\u{FF01}", "\u{FF10}", "\u{FF19}", "\u{FF3F}", "\u{FF40}", "\u{FF5E}", "\u{FF5F}",
        "（", "）", "【", "】", "〔", "〕", "［", "］", "：", "，", "．", "。", "；", "“", "”", "‘", "’", "「", "」",
        "一", "申", "请", "件", "数", "\u{1F600}", "\u{20000}",
    ]

    static func randomLine(_ generator: inout SplitMix64, length: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length { scalars.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
        return String(scalars)
    }

    /// The definition: each scalar normalised, with the 1-based column of each kept scalar.
    static func scalarNormalization(_ line: String) -> (text: String, columns: [Int], endColumn: Int) {
        var kept = String.UnicodeScalarView()
        var columns: [Int] = []
        var column = 0
        for scalar in line.unicodeScalars {
            column += 1
            guard let normal = TextNormalizer.normalize(scalar) else { continue }
            kept.append(normal)
            columns.append(column)
        }
        return (String(kept), columns, column + 1)
    }

    @Test("normalising a line's bytes gives the scalar normalisation, with each character's source column")
    func lineNormalization() {
        var generator = SplitMix64(seed: 11)
        var line = TextNormalizer.Line()
        for round in 0..<2_000 {
            let text = Self.randomLine(&generator, length: Int(generator.next() % 40))
            var copy = text
            copy.withUTF8 { line.normalize($0) }
            let expected = Self.scalarNormalization(text)
            let normalized = String(decoding: line.bytes, as: UTF8.self)
            #expect(normalized == expected.text, "round \(round): \(text.debugDescription)")
            #expect(line.isUnchanged == (normalized.utf8.elementsEqual(text.utf8)), "round \(round)")
            #expect(Int(line.endColumn) == expected.endColumn, "round \(round)")
            // Each byte carries the column of the character it belongs to.
            var byteColumns: [Int] = []
            for (scalar, column) in zip(expected.text.unicodeScalars, expected.columns) {
                byteColumns.append(contentsOf: repeatElement(column, count: UTF8.width(scalar)))
            }
            #expect(line.columns.map(Int.init) == byteColumns, "round \(round): \(text.debugDescription)")
            #expect(TextNormalizer.normalize(text) == expected.text, "round \(round)")
        }
    }

    /// The definition of a label key: each scalar through the mapping.
    static func mapped<Mapping: ScalarMapping>(_ text: String, _: Mapping.Type) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.compactMap(Mapping.map)))
    }

    @Test("label keys made from bytes are the keys made scalar by scalar, for strings and substrings")
    func labelKeys() {
        var generator = SplitMix64(seed: 12)
        for round in 0..<2_000 {
            let text = Self.randomLine(&generator, length: Int(generator.next() % 40))
            #expect(LabelKey.make(text) == Self.mapped(text, LabelKey.self), "round \(round): \(text.debugDescription)")
            #expect(LabelText.key(text) == Self.mapped(text, LabelText.self), "round \(round)")
            let tail = text.unicodeScalars.dropFirst(Int(generator.next() % 5))
            let substring = Substring(tail)
            #expect(LabelKey.make(substring) == Self.mapped(String(substring), LabelKey.self), "round \(round)")
            #expect(LabelKey.length(text) == LabelKey.make(text).unicodeScalars.count, "round \(round)")
        }
    }

    /// A mapping that makes some scalars longer, which the storage the size of the input cannot hold.
    enum Widening: ScalarMapping {
        static func map(_ scalar: Unicode.Scalar) -> Unicode.Scalar? { scalar == "a" ? "\u{1F600}" : scalar }
    }

    @Test("a mapping that lengthens text, and one that changes nothing, still give the scalar-by-scalar result")
    func wideningAndUnchanged() {
        #expect(ScalarText.map("abc申a", Widening.self) == "\u{1F600}bc申\u{1F600}")
        #expect(ScalarText.map("bcd申", Widening.self) == "bcd申")
        #expect(ScalarText.map("", Widening.self) == "")
        #expect(LabelKey.make("a（一）") == "a(一)")
    }

    @Test("binary-control detection word by word agrees with counting byte by byte")
    func controls() {
        var generator = SplitMix64(seed: 13)
        for round in 0..<3_000 {
            let text = Self.randomLine(&generator, length: Int(generator.next() % 70))
            let bytes = Array(text.utf8)
            let expected = bytes.contains { byte in
                byte < 0x20 && ![0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B].contains(byte)
            }
            #expect(bytes.withUnsafeBufferPointer(TextExtractor.hasControls) == expected, "round \(round)")
        }
        #expect(TextExtractor.containsBinaryControls("年度报告\u{0}"))
        #expect(!TextExtractor.containsBinaryControls(String(repeating: "年度报告\t\r\n", count: 300) + "\u{01}"))
        #expect(TextExtractor.containsBinaryControls(String(repeating: "\u{01}", count: 3) + "年度报告"))
    }

    @Test("lines split alike with LF, CRLF, lone CR, vertical tab, form feed and mixed breaks")
    func lineBreaks() {
        #expect(TextExtractor.splitLines("a\nb\n\nc").map(String.init) == ["a", "b", "", "c"])
        #expect(TextExtractor.splitLines("a\nb\n").map(String.init) == ["a", "b"])
        #expect(TextExtractor.splitLines("申\r\n请\r\r\n件\rx").map(String.init) == ["申", "请", "", "件", "x"])
        #expect(TextExtractor.splitLines("\n").map(String.init) == [""])
        #expect(TextExtractor.splitLines("").isEmpty)
        var generator = SplitMix64(seed: 14)
        for round in 0..<500 {
            let pieces = (0..<Int(generator.next() % 8)).map { _ in
                Self.randomLine(&generator, length: Int(generator.next() % 6)).filter { $0 != "\r" }
            }
            let text = pieces.joined(separator: "\n") + (generator.next() % 2 == 0 ? "\n" : "")
            // The alphabet's form feeds break lines too.
            let isBreak = { (character: Character) in character == "\n" || character == "\u{0C}" }
            var expected = text.split(omittingEmptySubsequences: false, whereSeparator: isBreak).map(String.init)
            if let last = text.last, isBreak(last) { expected.removeLast() }
            if text.isEmpty { expected.removeLast() }
            #expect(TextExtractor.splitLines(text).map(String.init) == expected, "round \(round)")
        }
    }

    @Test("cells keep their source columns across full-width, dropped and multi-byte characters")
    func cellColumns() {
        let line = TextExtractor.extractLine("\u{200B}（一）\u{3000}予以公开\t１２\t\t3", number: 4)
        #expect(line.layout == .delimited)
        #expect(line.text == "(一) 予以公开\t12\t\t3")
        #expect(line.cells.map(\.text) == ["(一) 予以公开", "12", "", "3"])
        #expect(line.cells.map(\.location.column) == [2, 11, 14, 15])
        #expect(line.cells.map(\.location.endColumn) == [10, 13, 14, 16])
        let spaced = TextExtractor.extractLine("  行政许可  28 \u{A0}0 ", number: 1)
        #expect(spaced.layout == .spaced)
        #expect(spaced.cells.map(\.text) == ["行政许可", "28", "0"])
        #expect(spaced.cells.map(\.location.column) == [3, 9, 13])
        let piped = TextExtractor.extractLine("| 一、本年新收 | 7 |", number: 1)
        #expect(piped.cells.map(\.text) == ["一、本年新收", "7"])
        #expect(TextExtractor.extractLine(" |---|:--:| ", number: 1).layout == .separator)
        #expect(TextExtractor.extractLine("\u{3000}\t \u{FEFF}", number: 1).layout == .blank)
    }

    @Test("clauses cut from a key's bytes are the pieces between separators, line breaks dropped")
    func clauses() {
        var generator = SplitMix64(seed: 15)
        let pieces: [String] = ["申请", "件", "。", ",", ";", "!", "?", "\n", "\r\n", "21", "未收到", "。。", " "]
        for round in 0..<2_000 {
            let key = (0..<Int(generator.next() % 12)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }
                .joined()
            let flat = String(key.unicodeScalars.filter { $0 != "\n" && $0 != "\r" })
            for atCommas in [true, false] {
                let separators: Set<Character> = atCommas ? [";", "!", "?", "。", ","] : [";", "!", "?", "。"]
                let expected = flat.split(whereSeparator: separators.contains).map(String.init)
                #expect(
                    Clauses.pieces(ofKey: key[...], atCommas: atCommas).map(String.init) == expected,
                    "round \(round): \(key.debugDescription)"
                )
            }
        }
        #expect(Clauses.split("本年共收到申请21件，\n办结20件。") == ["本年共收到申请21件", "办结20件"])
    }

    @Test("Chinese numerals read from scalars")
    func numerals() {
        let cases: [(String, Int?)] = [
            ("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20), ("九十九", 99), ("零", nil), ("十十", nil),
            ("二二", nil), ("", nil), ("一十", 10), ("百", nil),
        ]
        for (text, value) in cases {
            #expect(ChineseNumeral.value(Substring(text)) == value, "\(text)")
            #expect(LabelSegment.chineseValue(ArraySlice(text.unicodeScalars)) == value, "\(text)")
        }
    }

    @Test("byte offsets and scalar counts")
    func offsets() {
        #expect("《2023年度报告》".utf8Offset(of: "》") == 19)
        #expect("《a》《b》".utf8Offset(of: "《", from: 1) == 7)
        #expect("abc".utf8Offset(of: "d") == nil)
        #expect("abc".utf8Offset(of: "c", from: 4) == nil)
        #expect("申请a\u{1F600}".scalarCount == 4)
    }

    @Test("every template marker contains one of the parts lines are first searched for")
    func templateMarkerParts() {
        for marker in TemplateDetector.markers2021 + TemplateDetector.markers2019 + TemplateDetector.rows2021 {
            #expect(TemplateDetector.markerParts.contains { marker.includes($0) }, "\(marker)")
        }
    }
}
