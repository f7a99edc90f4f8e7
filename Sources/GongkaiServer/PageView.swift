import Foundation
import GongkaiModel

/// A PDF page with a figure's cell outlined, drawn without script: an SVG holding the page's image (served from its
/// own address) and a rectangle at the cell's box, scaled from PDF points to the image's pixels. It sits in a
/// `<details>` element, so that a finding's place opens it.
enum PageView {
    /// Pixels left between the box of the figure's characters and its outline.
    static let padding = 2.0

    /// The outline's rectangle in the image's pixels: the box in points times ``PageImages/scale``, widened by
    /// ``padding`` on every side.
    static func rectangle(_ box: SourceLocation.Box) -> (x: Double, y: Double, width: Double, height: Double) {
        let scale = PageImages.scale
        let x = box.x0 * scale - padding
        let y = box.y0 * scale - padding
        return (x, y, (box.x1 - box.x0) * scale + 2 * padding, (box.y1 - box.y0) * scale + 2 * padding)
    }

    /// A coordinate as the SVG gives it: one decimal.
    static func coordinate(_ value: Double) -> String { String(format: "%.1f", value) }

    static func html(image: String, page: Int, size: PageImages.PageSize, box: SourceLocation.Box?) -> HTML {
        let (width, height) = size.pixels
        var outline: HTML = ""
        if let box {
            let rect = rectangle(box)
            outline = """
                <rect class="cell-box" x="\(coordinate(rect.x))" y="\(coordinate(rect.y))" \
                width="\(coordinate(rect.width))" height="\(coordinate(rect.height))" fill="none" stroke="#d00000" \
                stroke-width="3"/>
                """
        }
        let label = box == nil ? "原文第\(page)页" : "原文第\(page)页，红框处为此单元格"
        return """
            <details class="page-view"><summary>查看原文第\(page)页</summary>
            <svg class="page" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" \
            width="\(width)" height="\(height)" role="img" aria-label="\(label)">\
            <image href="\(image)" x="0" y="0" width="\(width)" height="\(height)"/>\(outline)</svg></details>
            """
    }

    /// Where a finding stands on a PDF page: its own location when that has a page, else the first of its cells
    /// that has one; a location with a box before one without.
    static func place(_ finding: Finding, figures: [FigureID: Figure]) -> SourceLocation? {
        place(candidates: [finding.location] + finding.figures.map { figures[$0.id]?.location })
    }

    static func place(candidates: [SourceLocation?]) -> SourceLocation? {
        let paged = candidates.compactMap { $0 }.filter { $0.page != nil }
        return paged.first { $0.box != nil } ?? paged.first
    }
}
