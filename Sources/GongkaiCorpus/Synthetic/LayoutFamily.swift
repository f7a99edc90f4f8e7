/// The layouts generated reports are written in: each a serialisation of the same report that real reports arrive
/// in, with the damage they carry.
public enum LayoutFamily: String, CaseIterable, Sendable {
    /// Tab-separated cells (``ReportTextWriter/Layout/tab``).
    case tab
    /// HTML flattened to `a | b |` (``ReportTextWriter/Layout/pipe``).
    case pipe
    /// Markdown tables (``ReportTextWriter/Layout/markdownTable``).
    case markdownTable = "markdown"
    /// PDF text with hard wraps (``ReportTextWriter/Layout/wrapped``).
    case wrapped
    /// Labels and values run together (``ReportTextWriter/Layout/flattened``).
    case flattened
    /// Tab-separated cells, some of them printed empty.
    case tabBlanks = "tab-blanks"
    /// Pipe-separated cells, some of them printed empty.
    case pipeBlanks = "pipe-blanks"
    /// A web page saved as text by a crawler: page metadata, then the whole article on one line, cells run together.
    case crawled
    /// Text converted from a PDF with its columns kept as runs of spaces; long labels and values wrapped.
    case columns
    /// An HTML fragment: `<div class=TRS_Editor>…` or `<p>…<table>…`, no `<html>` or `<body>`.
    case htmlFragment = "html-fragment"
    /// A whole saved web page: navigation, breadcrumb, scripts, footer around the article.
    case htmlPage = "html-page"
    /// Word's 「另存为网页」 markup: mso styles, `<o:p>`, text split into `<span>`s, `<br>` in cells.
    case htmlWord = "html-word"
    /// A Word file with merged cells (gridSpan, vMerge).
    case docx
    /// A Word file whose tables sit in text boxes.
    case docxTextBox = "docx-textbox"
    /// A PDF made by LibreOffice, at one of several page sizes and column widths.
    case pdf
    /// Markdown as PDF converters write it: tables in pieces between page footers, two-line cells pulled out of their
    /// rows, headers repeated, columns named 数据1…数据N.
    case converterMarkdown = "converter-md"

    public var fileExtension: String {
        switch self {
        case .tab, .pipe, .wrapped, .flattened, .tabBlanks, .pipeBlanks, .crawled, .columns: "txt"
        case .markdownTable, .converterMarkdown: "md"
        case .htmlFragment, .htmlPage, .htmlWord: "html"
        case .docx, .docxTextBox: "docx"
        case .pdf: "pdf"
        }
    }

    /// Whether every cell keeps its own place in this layout, so that every figure must read back exactly. Where
    /// cells run together, values wrap, or empty cells leave no trace, a cell may be unknown — but never wrong.
    public var forcesExactness: Bool {
        switch self {
        case .tab, .pipe, .markdownTable, .wrapped, .tabBlanks, .pipeBlanks, .htmlFragment, .htmlPage, .htmlWord, .docx,
            .docxTextBox, .pdf:
            true
        case .flattened, .crawled, .columns, .converterMarkdown:
            false
        }
    }

    /// Needs LibreOffice to write.
    public var needsLibreOffice: Bool { self == .pdf }

    /// The layout of ``ReportTextWriter`` this family is written with, if any.
    var textLayout: ReportTextWriter.Layout? {
        switch self {
        case .tab, .tabBlanks: .tab
        case .pipe, .pipeBlanks: .pipe
        case .markdownTable: .markdownTable
        case .wrapped: .wrapped
        case .flattened: .flattened
        default: nil
        }
    }
}
