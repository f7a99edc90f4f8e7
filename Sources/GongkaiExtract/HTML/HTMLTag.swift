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
        self = Self.byName[name] ?? .inline
    }

    /// The meaning of every element name that is not inline text.
    private static let byName: [String: HTMLTag] = {
        var table: [String: HTMLTag] = [:]
        for name in [
            "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "address", "article", "section", "main",
            "figure", "figcaption", "center", "form", "fieldset", "legend", "hr", "body", "html", "details", "summary",
            "dir", "hgroup",
        ] {
            table[name] = .block
        }
        for name in ["h1", "h2", "h3", "h4", "h5", "h6"] {
            table[name] = .heading
        }
        table["br"] = .lineBreak
        for name in ["pre", "listing", "plaintext", "xmp"] {
            table[name] = .preformatted
        }
        table["table"] = .table
        table["tr"] = .row
        for name in ["td", "th"] {
            table[name] = .cell
        }
        for name in ["thead", "tbody", "tfoot"] {
            table[name] = .rowGroup
        }
        table["caption"] = .caption
        for name in [
            "script", "style", "noscript", "head", "template", "iframe", "frame", "frameset", "object", "embed", "svg",
            "math", "canvas", "select", "option", "optgroup", "button", "textarea", "input", "map", "area", "audio",
            "video", "source", "xml", "colgroup", "col", "title", "meta", "link", "img",
        ] {
            table[name] = .dropped
        }
        for name in ["nav", "header", "footer", "aside", "menu"] {
            table[name] = .chrome
        }
        return table
    }()

    /// Starts and ends a run of text: a paragraph outside tables, a line break inside a cell.
    var isBlockLike: Bool {
        switch self {
        case .block, .heading, .preformatted, .table, .row, .cell, .rowGroup, .caption, .chrome: true
        case .inline, .lineBreak, .dropped, .other: false
        }
    }
}
