import Foundation
import GongkaiForm
import GongkaiModel
import Testing

@testable import GongkaiServer

/// The server's own parsing and markup, apart from HTTP: forms as browsers send them, escaping, the results kept for
/// downloads, source excerpts.
@Suite("web application parts")
struct ServerPartsTests {
    @Test("HTML: text interpolated is escaped, HTML interpolated is not, literals are markup")
    func markup() {
        let name = "<script>alert(\"x\") & 'y'</script>"
        let bold: HTML = "<b>\(name)</b>"
        #expect(bold.markup == "<b>&lt;script&gt;alert(&quot;x&quot;) &amp; 'y'&lt;/script&gt;</b>")
        let nested: HTML = "<p>\(bold) \(3) \([HTML.text("<i>"), "<br>"])</p>"
        #expect(nested.markup == "<p>\(bold.markup) 3 &lt;i&gt;<br></p>")
        // Control characters other than tab and line feed are left out.
        #expect(HTML.text("a\u{1B}[31mb\u{7}").markup == "a[31mb")
    }

    @Test("a multipart form: a preamble, a file whose bytes hold line breaks and dashes, a text field, the end")
    func multipart() throws {
        let file = Data("第一行\r\n--not the boundary\r\n--b0undar\r\n".utf8) + Data([0, 0xFF, 0x0D, 0x0A])
        var body = Data("preamble to ignore\r\n--b0undary\r\n".utf8)
        body += Data("Content-Disposition: form-data; name=\"file\"; filename=\"报告;2023\\\"终\\\".txt\"\r\n".utf8)
        body += Data("Content-Type: text/plain\r\n\r\n".utf8) + file
        body += Data("\r\n--b0undary\r\ncontent-disposition: form-data; name=text\r\n\r\n粘贴\r\n--b0undary--\r\n".utf8)
        let form = try MultipartForm(body, boundary: "b0undary")
        #expect(form.parts.count == 2)
        #expect(form.part("file")?.fileName == "报告;2023\"终\".txt")
        #expect(form.part("file")?.bytes == file)
        #expect(form.text("text") == "粘贴")
        #expect(form.part("other") == nil)
    }

    @Test(
        "a multipart form that is cut short or has no boundary is refused",
        arguments: [
            "", "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end", "--b", "--bX\r\n", "no delimiter",
        ]
    )
    func multipartMalformed(_ text: String) {
        #expect(throws: MultipartForm.Malformed()) { try MultipartForm(Data(text.utf8), boundary: "b") }
    }

    @Test("the boundary of a content type; not for another type")
    func boundary() {
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=----WebKit123") == "----WebKit123")
        #expect(MultipartForm.boundary(contentType: "Multipart/Form-Data; charset=utf-8; boundary=\"a b\"") == "a b")
        #expect(MultipartForm.boundary(contentType: "multipart/mixed; boundary=x") == nil)
        #expect(MultipartForm.boundary(contentType: "multipart/form-data") == nil)
        #expect(MultipartForm.boundary(contentType: "text/plain") == nil)
    }

    @Test("URL-encoded fields: plus is a space, percent escapes are UTF-8, the first of a name counts")
    func formFields() {
        let fields = FormFields("agency=%E6%BC%B3%E5%B7%9E+%E5%B8%82&year=2024&year=2023&empty=&flag&bad=%E6%ZZ")
        #expect(fields["agency"] == "漳州 市")
        #expect(fields["year"] == "2024")
        #expect(fields["empty"] == "")
        #expect(fields.text("empty") == nil)
        #expect(fields["flag"] == "")
        #expect(fields["bad"] == "%E6%ZZ")
        #expect(fields["missing"] == nil)
        #expect(FormFields.encode("漳州 a&b=c") == "%E6%BC%B3%E5%B7%9E%20a%26b%3Dc")
        #expect(FormFields("x=" + FormFields.encode("a+b c"))["x"] == "a+b c")
    }

    @Test("results: kept under a token until they expire, the oldest dropped when full")
    func results() throws {
        let report = try Fixtures.report("seeds/000_619992dd5b79419f.txt")
        let results = CheckResults(lifetime: 60, capacity: 2)
        let start = Date()
        let result = CheckResult(fileName: "a.txt", report: report, findings: [], isDataFile: false)
        let first = results.keep(result, now: start).token
        let second = results.keep(result, now: start.addingTimeInterval(1)).token
        #expect(CheckResults.isToken(first))
        #expect(first != second)
        #expect(results.result(first, now: start.addingTimeInterval(2)) != nil)
        let third = results.keep(result, now: start.addingTimeInterval(2)).token
        #expect(results.result(first, now: start.addingTimeInterval(3)) == nil)
        #expect(results.result(second, now: start.addingTimeInterval(3))?.fileName == "a.txt")
        #expect(results.result(third, now: start.addingTimeInterval(61)) != nil)
        #expect(results.result(third, now: start.addingTimeInterval(62.5)) == nil)
        #expect(!CheckResults.isToken("0123456789ABCDEF0123456789abcdef"))
        #expect(!CheckResults.isToken("../etc/passwd"))
    }

    @Test("results: the source lines of all kept together stay within the byte limit")
    func resultBytes() throws {
        let report = try Fixtures.report("seeds/001_2af83e509e4cbaa8.txt")
        let result = CheckResult(fileName: "a.txt", report: report, findings: [], isDataFile: false)
        #expect(result.bytes > 1_000)
        // Room for four results' lines: the fifth drops the first.
        let results = CheckResults(lifetime: 60, capacity: 10, byteLimit: result.bytes * 4 + 100)
        let start = Date()
        let tokens = (0..<5).map { results.keep(result, now: start.addingTimeInterval(Double($0))).token }
        let later = start.addingTimeInterval(5)
        #expect(results.result(tokens[0], now: later) == nil)
        for token in tokens.dropFirst() {
            #expect(results.result(token, now: later)?.report.source.lines.isEmpty == false)
        }
        // A result larger than a quarter of the limit is kept without its lines.
        let small = CheckResults(lifetime: 60, capacity: 10, byteLimit: result.bytes)
        let kept = small.keep(result, now: start)
        #expect(kept.report.source.lines.isEmpty)
        #expect(small.result(kept.token, now: start)?.report.figures.count == report.figures.count)
    }

    @Test("a source excerpt: the cell marked, tabs as spaces, a long line cut around the place")
    func excerpt() {
        let location = SourceLocation.text(line: 2, column: 5, endColumn: 7)
        let short = SourceExcerpt.html(lines: ["x", "ab\tc12de"], location: location)
        #expect(short?.markup == "<pre class=\"source\"><span class=\"ln\">2</span>ab  c<mark>12</mark>de</pre>")
        let long = String(repeating: "甲", count: 100) + "<99>" + String(repeating: "乙", count: 100)
        let cut = SourceExcerpt.html(
            lines: [long],
            location: .text(line: 1, column: 101, endColumn: 105),
            numbered: false
        )
        let expected =
            "<pre class=\"source\">…" + String(repeating: "甲", count: 40) + "<mark>&lt;99&gt;</mark>"
            + String(repeating: "乙", count: 40) + "…</pre>"
        #expect(cut?.markup == expected)
        #expect(SourceExcerpt.html(lines: ["a"], location: .text(line: 3, column: 1)) == nil)
        // A column past the end of the line marks nothing but still shows the line.
        #expect(
            SourceExcerpt.html(lines: ["abc"], location: .text(line: 1, column: 9))?.markup.contains("abc<mark></mark>")
                == true
        )
    }

    /// The relative luminance of `#rrggbb` (WCAG 2.1).
    static func luminance(_ hex: String) -> Double {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { Double($0) / 255 }
        let linear = channels.map { $0 <= 0.03928 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    }

    @Test("the stylesheet's colours keep a contrast of at least 4.5:1 with the grounds they are used on (WCAG 2.1 AA)")
    func contrast() throws {
        var colours = ["white": "#ffffff"]
        for declaration in Stylesheet.css.components(separatedBy: "--").dropFirst() {
            let parts = declaration.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let value = parts[1].split(separator: ";").first else { continue }
            colours[String(parts[0])] = value.trimmingCharacters(in: .whitespaces)
        }
        let pairs = [
            ("ink", "white"), ("muted", "white"), ("muted", "blank-ground"), ("link", "white"), ("white", "brand"),
            ("error", "white"), ("error", "error-ground"), ("warning", "white"), ("warning", "warning-ground"),
            ("notice", "white"),
        ]
        for (foreground, background) in pairs {
            let a = Self.luminance(try #require(colours[foreground], "\(foreground)"))
            let b = Self.luminance(try #require(colours[background], "\(background)"))
            let ratio = (max(a, b) + 0.05) / (min(a, b) + 0.05)
            #expect(ratio >= 4.5, "\(foreground) on \(background): \(ratio)")
        }
    }
}
