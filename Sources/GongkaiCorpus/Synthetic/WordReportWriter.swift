import Foundation
import GongkaiWrite

/// A report as a Word file (``ReportDOCX``): merged cells as gridSpan and vMerge, and — for the text-box family —
/// every table inside a floating text box, as DrawingML with a VML fallback (the table twice in the file) or VML only.
/// For PDF the same file goes through LibreOffice, on one of several page sizes with the label columns drawn wider or
/// narrower, so that labels and headers wrap differently.
struct WordReportWriter {
    var options: ReportDOCX.Options
    /// Scales the width of label columns against value columns.
    var labelScale: Double

    /// Page sizes reports are printed on, in twentieths of a point: A4, A4 landscape, B5, A3 and Letter.
    static let pages: [ReportDOCX.Page] = [
        .a4,
        ReportDOCX.Page(width: 16838, height: 11906, top: 1440, right: 1440, bottom: 1440, left: 1440),
        ReportDOCX.Page(width: 10318, height: 14570, top: 1440, right: 1134, bottom: 1440, left: 1134),
        ReportDOCX.Page(width: 16838, height: 23811, top: 2098, right: 1800, bottom: 1984, left: 1800),
        ReportDOCX.Page(width: 12240, height: 15840, top: 1440, right: 1800, bottom: 1440, left: 1800),
    ]

    init(textBoxes: Bool, pdf: Bool, using rng: inout SplitMix64) {
        var options = ReportDOCX.Options(justified: !pdf)
        if textBoxes { options.tablesInTextBoxes = rng.chance(50) ? .drawingWithFallback : .vml }
        if pdf { options.page = rng.pick(Self.pages) }
        self.options = options
        labelScale = pdf ? rng.pick([0.6, 0.8, 1.0, 1.3]) : 1
    }

    func layout(_ outline: ReportOutline) -> ReportLayout {
        var layout = outline.layout
        guard labelScale != 1 else { return layout }
        layout.blocks = layout.blocks.map { block in
            guard case .table(var grid) = block else { return block }
            let labelColumns = Set(grid.cells.filter { $0.role == .label }.map(\.column))
            grid.columnWeights = grid.columnWeights.enumerated().map { column, weight in
                labelColumns.contains(column) ? weight * labelScale : weight
            }
            return .table(grid)
        }
        return layout
    }

    func docx(_ outline: ReportOutline) throws -> Data {
        try ReportDOCX.render(layout(outline), options: options)
    }

    func pdf(_ outline: ReportOutline) throws -> Data {
        try ReportPDF.convert(docx: docx(outline))
    }
}
