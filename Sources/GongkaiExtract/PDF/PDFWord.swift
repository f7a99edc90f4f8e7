import GongkaiModel

/// One word of a PDF's text layer: its text and its box on the page, in points from the top-left corner.
struct PDFWord: Sendable, Hashable {
    var text: String
    var box: SourceLocation.Box
    /// The line pdftotext put the word in (its reading-order grouping), numbered through the document.
    var flowLine: Int

    var width: Double { box.x1 - box.x0 }
    var height: Double { box.y1 - box.y0 }
    var centerY: Double { (box.y0 + box.y1) / 2 }
}

/// One page of a PDF's text layer.
struct PDFPage: Sendable {
    var number: Int
    var width: Double
    var height: Double
    var words: [PDFWord]
}
