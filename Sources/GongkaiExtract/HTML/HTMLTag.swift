/// What an element means for reading the text: a block that starts a paragraph, inline text, a line break, a table
/// part, or something to drop.
enum HTMLTag: Equatable {
    case block
    case heading
    case inline
    case lineBreak
    case preformatted
    case table
    case row
    case cell
    case rowGroup
    case caption
    /// Script, style, form controls and other elements whose content is not text of the page.
    case dropped
    /// Site chrome by element: `nav`, `header`, `footer`, `aside`, `menu`.
    case chrome
    /// Not an element.
    case other

    init(_ name: String) {
        switch name {
        case "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "address", "article", "section", "main",
            "figure", "figcaption", "center", "form", "fieldset", "legend", "hr", "body", "html", "details", "summary",
            "dir", "hgroup":
            self = .block
        case "h1", "h2", "h3", "h4", "h5", "h6":
            self = .heading
        case "br":
            self = .lineBreak
        case "pre", "listing", "plaintext", "xmp":
            self = .preformatted
        case "table":
            self = .table
        case "tr":
            self = .row
        case "td", "th":
            self = .cell
        case "thead", "tbody", "tfoot":
            self = .rowGroup
        case "caption":
            self = .caption
        case "script", "style", "noscript", "head", "template", "iframe", "frame", "frameset", "object", "embed",
            "svg", "math", "canvas", "select", "option", "optgroup", "button", "textarea", "input", "map", "area",
            "audio", "video", "source", "xml", "colgroup", "col", "title", "meta", "link", "img":
            self = .dropped
        case "nav", "header", "footer", "aside", "menu":
            self = .chrome
        default:
            self = .inline
        }
    }

    /// Starts and ends a run of text: a paragraph outside tables, a line break inside a cell.
    var isBlockLike: Bool {
        switch self {
        case .block, .heading, .preformatted, .table, .row, .cell, .rowGroup, .caption, .chrome: true
        case .inline, .lineBreak, .dropped, .other: false
        }
    }
}
