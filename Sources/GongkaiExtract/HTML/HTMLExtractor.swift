public import Foundation
import GongkaiModel

/// Reads an HTML page — a published report page, a Word "save as web page" file, Gongkai's own HTML — into an
/// ``ExtractedDocument``: the report's article found on the page, its paragraphs as lines and its tables as rows of
/// cells on the expanded grid, each cell with its table, row and column.
public enum HTMLExtractor {
    /// The largest page read: as for text. A report page is well under 1 MB; inline images make some a few MB.
    public static let defaultSizeLimit = TextExtractor.defaultSizeLimit

    public static func extract(
        _ data: Data,
        name: String,
        sizeLimit: Int = defaultSizeLimit
    ) throws(ExtractError) -> ExtractedDocument {
        if data.isEmpty { throw .empty }
        if data.count > sizeLimit { throw .tooLarge(bytes: data.count, limit: sizeLimit) }
        let decoded = try HTMLCharset.decode(data)
        return try extract(text: decoded.text, name: name, encoding: decoded.encoding)
    }

    /// Reads an already-decoded page.
    public static func extract(
        text: String,
        name: String,
        encoding: String? = nil
    ) throws(ExtractError)
        -> ExtractedDocument
    {
        guard let tree = HTMLTree(utf8: text), let body = tree.body else {
            throw .unreadable("HTML 页面无法解析，文件可能已损坏。")
        }
        let article = HTMLArticle(body: body)
        var walker = HTMLBlockWalker(
            builder: DocumentBuilder(name: name, format: .html, encoding: encoding),
            kept: article.kept
        )
        if article.title == nil, let title = tree.headTitle.flatMap(reportTitle) {
            walker.addParagraph(title)
        }
        walker.walk(article.root)
        return walker.builder.build()
    }

    /// The report's title from a page's `<title>` (「某局2023年政府信息公开工作年度报告_某市人民政府」), without the site
    /// name; nil when the page title is not a report's.
    static func reportTitle(_ pageTitle: String) -> String? {
        let parts = pageTitle.split { "_|｜—－-".unicodeScalars.contains($0.unicodeScalars.first ?? " ") }
        return parts.map { String($0).trimmingCharacters(in: .whitespaces) }.first(where: HTMLArticle.isTitle)
    }
}
