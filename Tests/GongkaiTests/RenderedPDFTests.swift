import Foundation
import GongkaiModel
import GongkaiTools
import GongkaiWrite
import Testing

@testable import GongkaiWrite

/// The PDF a clerk hands on: set in Chinese faces, with a warning when one is not installed.
@Suite("Rendered PDF")
struct RenderedPDFTests {
    static let hasLibreOffice = ReportPDF.libreOffice() != nil

    /// The fonts a PDF embeds, as `pdffonts` names them, without the subset prefix (`BAAAAA+`).
    static func fonts(_ pdf: Data) throws -> [String] {
        let pdffonts = try #require(ExternalTool.find("pdffonts"), "pdffonts (poppler-utils) is not installed")
        let folder = try TemporaryFolder("pdffonts")
        defer { folder.remove() }
        try pdf.write(to: folder.file("report.pdf"))
        let output = try pdffonts.run([folder.file("report.pdf").path], timeout: 30)
        #expect(output.status == 0)
        return String(decoding: output.stdout, as: UTF8.self).split(separator: "\n").dropFirst(2).compactMap { line in
            line.split(separator: " ").first.map { String($0.split(separator: "+").last ?? $0) }
        }
    }

    /// A face with Chinese glyph forms: the names of the faces ``OfficialFonts`` maps to, or a face marked Chinese.
    static func isChinese(_ font: String) -> Bool {
        !font.lowercased().contains("jp")
            && ["CN", "SC", "GB", "ZenHei", "UMing", "UKai"].contains { font.contains($0) }
    }

    @Test(
        "Every font a rendered seed embeds is a Chinese face",
        .enabled(if: hasLibreOffice, "LibreOffice (soffice) is not installed"),
        arguments: Fixtures.seedNames
    )
    func chineseFaces(seed: String) throws {
        let missing = OfficialFonts.missing()
        #expect(missing.isEmpty, "\(missing.map(\.description)) — scripts/install-deps installs them")
        let report = try Fixtures.report("seeds/\(seed).txt")
        let fonts = try Self.fonts(try ReportPDF.render(report))
        #expect(!fonts.isEmpty)
        #expect(fonts.allSatisfy(Self.isChinese), "\(fonts)")
        // 仿宋 (body) and 黑体 (part headings) are both there, each in its own face.
        #expect(fonts.contains("UMingCN"), "\(fonts)")
        #expect(fonts.contains("WenQuanYiZenHei"), "\(fonts)")
    }

    /// An `fc-match` that finds nothing but DejaVu Sans, as on a machine without Chinese fonts, in `folder`. Written
    /// by a shell: a file this process held open for writing could be inherited by a program another test starts,
    /// and could not be run while that program lives.
    static func fakeFCMatch(in folder: TemporaryFolder) throws {
        let shell = ExternalTool(executable: URL(fileURLWithPath: "/bin/sh"))
        let script = folder.file("fc-match").path
        let made = try shell.run(
            ["-c", "printf '#!/bin/sh\\nprintf \\047DejaVu Sans\\047\\n' > '\(script)' && chmod 755 '\(script)'"],
            timeout: 10
        )
        #expect(made.status == 0)
    }

    @Test("The font check names each face fontconfig does not give, with its Debian package")
    func missingFaces() throws {
        let missing = OfficialFonts.missing { _ in ["DejaVu Sans"] }
        #expect(missing.map(\.face.package) == ["fonts-arphic-uming", "fonts-arphic-ukai", "fonts-wqy-zenhei"])
        #expect(missing.first?.fonts == ["仿宋", "宋体"])
        #expect(missing.allSatisfy { $0.substitute == "DejaVu Sans" })
        let message = try #require(missing.first).description
        #expect(
            message == "警告：未安装代替「仿宋」、「宋体」的中文字体「AR PL UMing CN」，PDF 中改用「DejaVu Sans」；"
                + "请安装 Debian 软件包 fonts-arphic-uming（或运行 scripts/install-deps）。"
        )
        // Only the face fontconfig does not give; nothing when it cannot tell.
        let one = OfficialFonts.missing { $0 == "黑体" ? ["Noto Sans CJK JP"] : ["AR PL UMing CN", "AR PL UKai CN"] }
        #expect(one.map(\.face.family) == ["WenQuanYi Zen Hei"])
        #expect(one.first?.substitute == "Noto Sans CJK JP")
        #expect(OfficialFonts.missing { _ in nil }.isEmpty)

        // With the faces installed (scripts/install-deps), the real fc-match finds each through the alias file.
        if ExternalTool.find("fc-match") != nil {
            #expect(OfficialFonts.missing().isEmpty)
        }
        // The alias file binds every font of government documents the Word file names.
        for font in ["仿宋", "宋体", "楷体", "黑体"] {
            #expect(OfficialFonts.configuration.contains("<family>\(font)</family>"), "\(font)")
        }
    }

    @Test(
        "render --to pdf warns on standard error when a face is missing, and still writes the PDF",
        .enabled(if: hasLibreOffice, "LibreOffice (soffice) is not installed")
    )
    func warnsWhenMissing() throws {
        let folder = try TemporaryFolder("render-warning")
        defer { folder.remove() }
        try Self.fakeFCMatch(in: folder)
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let output = folder.file("report.pdf")
        let seed = Fixtures.url("seeds/000_619992dd5b79419f.txt").path
        let result = try CLI.run(
            ["render", seed, "--to", "pdf", "-o", output.path, "--force"],
            environment: ["PATH": folder.url.path + ":" + path]
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("gongkai: 警告：未安装代替「黑体」的中文字体「WenQuanYi Zen Hei」"), "\(result.stderr)")
        let pdf = try Data(contentsOf: output)
        #expect(pdf.starts(with: Data("%PDF".utf8)))

        // With the real fc-match, no warning.
        let quiet = try CLI.run(["render", seed, "--to", "pdf", "-o", output.path, "--force", "--overwrite"])
        #expect(quiet.status == 0)
        #expect(!quiet.stderr.contains("警告：未安装"), "\(quiet.stderr)")
    }
}

extension RenderedPDFTests {
    /// The text of each page, as `pdftotext -layout` lays it out.
    static func pages(_ pdf: Data) throws -> [String] {
        let pdftotext = try #require(ExternalTool.find("pdftotext"), "pdftotext (poppler-utils) is not installed")
        let folder = try TemporaryFolder("pdftotext")
        defer { folder.remove() }
        try pdf.write(to: folder.file("report.pdf"))
        let output = try pdftotext.run(["-layout", folder.file("report.pdf").path, "-"], timeout: 30)
        var pages = String(decoding: output.stdout, as: UTF8.self).components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }

    @Test(
        "Every page is numbered 「— N —」, and no 表二 block, nor 表三, is printed across a page break",
        .enabled(if: hasLibreOffice, "LibreOffice (soffice) is not installed"),
        arguments: Fixtures.seedNames
    )
    func pagesAndBreaks(seed: String) throws {
        let report = try Fixtures.report("seeds/\(seed).txt")
        let pages = try Self.pages(try ReportPDF.render(report))
        #expect(pages.count > 1)
        for (index, page) in pages.enumerated() {
            #expect(page.contains("— \(index + 1) —"), "page \(index + 1)")
        }
        func page(of text: String) -> Int? { pages.firstIndex { $0.contains(text) } }
        // 表三 from its first row to its last on one page (it fits on one), under its header.
        let first = try #require(page(of: "一、本年新收政府信息公开申请数量"))
        #expect(page(of: "四、结转下年度继续办理") == first)
        #expect(pages[first].contains("申请人情况"))
        // Each 表二 block's header on the page of the block's last row.
        let blocks =
            (report.template ?? .v2021) == .v2021
            ? [("第二十条第（一）项", "行政规范性文件"), ("第二十条第（六）项", "行政强制"), ("第二十条第（八）项", "行政事业性收费")]
            : [("第二十条第（一）项", "规范性文件"), ("第二十条第（六）项", "行政强制"), ("第二十条第（九）项", "政府集中采购")]
        for (header, lastRow) in blocks {
            let start = try #require(page(of: header), "\(header)")
            #expect(pages[start].contains(lastRow), "\(header) on page \(start + 1) without 「\(lastRow)」")
        }
    }
}
