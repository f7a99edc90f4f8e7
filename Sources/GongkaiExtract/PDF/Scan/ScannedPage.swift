/// One scanned page taken apart: turned straight, its ruled tables found, the writing in each of their cells cut out,
/// and the rest of the page (tables painted over with paper) left for whole-page recognition.
struct ScannedPage: Sendable {
    /// One table of the page: its grid and the writing in each of its cells, in the grid's cell order.
    struct Table: Sendable {
        var grid: TableGrid
        var inks: [CellInk]
    }

    var number: Int
    var dotsPerInch: Double
    /// The turn corrected, in degrees.
    var angle: Double
    var tables: [Table]
    /// The straightened page with its tables painted over: the text outside them.
    var outside: GrayImage

    init(_ image: GrayImage, number: Int, dotsPerInch: Double) {
        self.number = number
        self.dotsPerInch = dotsPerInch
        angle = SkewCorrection.angle(of: InkImage(image))
        let straight = SkewCorrection.rotated(image, by: angle)
        let ink = InkImage(straight)
        let lines = RulingLines(ink, dotsPerInch: dotsPerInch)
        let tolerance = max(3, Int(dotsPerInch * 0.03))
        // Strokes of a bold heading can meet as a grid a few pixels high: no table is lower than a line of text.
        let least = Int(dotsPerInch * 0.1)
        let grids = TableGrid.tables(lines, tolerance: tolerance).filter {
            $0.box.height >= least && $0.box.width >= least
        }
        if ScanDebug.isOn {
            ScanDebug.log("page \(number) threshold \(InkImage.threshold(straight))")
            for line in lines.vertical where line.length > 60 {
                ScanDebug.log("  V \(Int(line.position)) \(line.start)..<\(line.end) t\(line.thickness)")
            }
            for line in lines.horizontal where line.length > 60 {
                ScanDebug.log("  H \(Int(line.position)) \(line.start)..<\(line.end) t\(line.thickness)")
            }
            ScanDebug.save(straight, "page-\(number)")
        }
        tables = grids.map { grid in
            Table(
                grid: grid,
                inks: grid.cells.map { CellInk(ink, of: straight, cell: $0.box, dotsPerInch: dotsPerInch) }
            )
        }
        var outside = straight
        let margin = max(2, Int(dotsPerInch * 0.02))
        for grid in grids {
            let box = grid.box.inset(by: -margin)
            for y in max(0, box.y0)..<min(outside.height, box.y1) {
                for x in max(0, box.x0)..<min(outside.width, box.x1) { outside[x, y] = 255 }
            }
        }
        self.outside = outside
    }

    /// The bands of ``outside`` between its tables (above the first, between two, below the last), each with the row
    /// it starts at: read each on its own, text above a table and below it are never taken for one line.
    var bands: [(top: Int, image: GrayImage)] {
        let margin = max(2, Int(dotsPerInch * 0.02))
        var cuts: [(Int, Int)] = []
        var top = 0
        for table in tables.map(\.grid.box).sorted(by: { $0.y0 < $1.y0 }) {
            let bottom = max(top, table.y0 - margin)
            if bottom > top { cuts.append((top, bottom)) }
            top = max(top, table.y1 + margin)
        }
        if outside.height > top { cuts.append((top, outside.height)) }
        // A band thinner than a line of text holds none.
        let least = Int(dotsPerInch * 0.08)
        return cuts.filter { $0.1 - $0.0 >= least }.map { top, bottom in
            (top, outside.cropped(PixelRect(x0: 0, y0: top, x1: outside.width, y1: bottom)))
        }
    }
}
