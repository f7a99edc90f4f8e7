import GongkaiModel
import GongkaiTools

/// Reads the cells of the tables found on scanned pages: every cell with writing as Chinese text in one Tesseract
/// run (``WrittenCells``), then the value cells again as digits in another (``ScannedCellText`` settles what each says).
enum ScannedTables {
    /// One table read: its grid and the text of each of its cells, in the grid's cell order.
    struct Table: Sendable {
        var page: Int
        var grid: TableGrid
        var texts: [String]
        var dotsPerInch: Double

        /// The table's rows as the document builder takes them: each cell's text and box (in points, `scale` per
        /// pixel) at its first row and column, the positions it spans over covered.
        func rows(scale: Double) -> [[DocumentBuilder.Cell]] {
            let rowCount = grid.rows.count - 1
            let columnCount = grid.columns.count - 1
            guard rowCount > 0, columnCount > 0 else { return [] }
            var positions = Array(
                repeating: Array(repeating: DocumentBuilder.Cell.covered, count: columnCount),
                count: rowCount
            )
            var starts = Array(repeating: false, count: rowCount)
            for (cell, text) in zip(grid.cells, texts) {
                let box = SourceLocation.Box(
                    x0: Double(cell.box.x0) * scale,
                    y0: Double(cell.box.y0) * scale,
                    x1: Double(cell.box.x1) * scale,
                    y1: Double(cell.box.y1) * scale
                )
                positions[cell.row][cell.column] = DocumentBuilder.Cell(text, page: page, box: box)
                starts[cell.row] = true
            }
            return positions.indices.filter { starts[$0] }.map { positions[$0] }
        }
    }

    /// Every cell with writing on the pages, in order: where it is (page, table and cell index) and its image.
    struct WrittenCells: Sendable {
        var places: [(page: Int, table: Int, cell: Int)] = []
        var images: [GrayImage] = []

        init(_ pages: [ScannedPage]) {
            for (pageIndex, page) in pages.enumerated() {
                for (tableIndex, table) in page.tables.enumerated() {
                    for (cellIndex, ink) in table.inks.enumerated() {
                        guard let image = ink.image else { continue }
                        places.append((pageIndex, tableIndex, cellIndex))
                        images.append(image)
                    }
                }
            }
        }
    }

    /// The tables of each page, read: `readings` are the Chinese readings of `written`'s images.
    static func read(
        _ pages: [ScannedPage],
        written: WrittenCells,
        readings: [CellRecognizer.Reading],
        with recognizer: CellRecognizer,
        in folder: TemporaryFolder
    ) throws(ExtractError) -> [[Table]] {
        var chinese: [[[CellRecognizer.Reading?]]] = pages.map { page in
            page.tables.map { Array(repeating: nil, count: $0.inks.count) }
        }
        for (place, reading) in zip(written.places, readings) {
            chinese[place.page][place.table][place.cell] = reading
        }

        // The value cells, read again as digits.
        var valueCells: [(page: Int, table: Int, cell: Int)] = []
        var valueImages: [GrayImage] = []
        for (pageIndex, page) in pages.enumerated() {
            for (tableIndex, table) in page.tables.enumerated() {
                let texts = chinese[pageIndex][tableIndex]
                let columns = valueColumns(table.grid, texts: texts)
                // How many cells of each row read as numbers.
                var numbers: [Int: Int] = [:]
                for (cell, reading) in zip(table.grid.cells, texts)
                where reading.map({ ScannedCellText.looksNumeric($0.text) }) == true {
                    numbers[cell.row, default: 0] += 1
                }
                for (cellIndex, cell) in table.grid.cells.enumerated() {
                    guard let reading = texts[cellIndex], let image = table.inks[cellIndex].valueImage else {
                        continue
                    }
                    let text = reading.text
                    // A cell is a value when it reads as no Chinese in a column of numbers or on a row printing
                    // numbers in two other cells (表四's lone row: 「1」 read as 「]」), and any cell of a column of
                    // numbers on such a row: a digit the Chinese model reads as a character (「4」 as 「和」) is then
                    // an unsure value, not a label.
                    let inValueColumn = cell.columnSpan == 1 && columns.contains(cell.column)
                    let rowOfNumbers = cell.columnSpan == 1 && numbers[cell.row, default: 0] >= 2
                    let isValue =
                        ScannedCellText.looksNumeric(text)
                        || ((inValueColumn || rowOfNumbers) && ScannedCellText.hasNoChinese(text))
                        || (inValueColumn && rowOfNumbers)
                    if isValue {
                        valueCells.append((pageIndex, tableIndex, cellIndex))
                        valueImages.append(image)
                    }
                }
            }
        }
        // Each value cell read as digits twice, without the specks beside its writing, as cut and enlarged twice
        // over: two readings of the same writing at sizes Tesseract segments differently, side by side.
        let images = valueImages
        let (digitReadings, enlargedReadings) = try Parallel.both(
            { () throws(ExtractError) in
                try recognizer.read(images, mode: .digits, in: folder, prefix: "value")
            },
            { () throws(ExtractError) in
                try recognizer.read(images.map { $0.enlarged(by: 2) }, mode: .digits, in: folder, prefix: "large")
            }
        )
        var digits: [[[CellRecognizer.Reading?]]] = pages.map { page in
            page.tables.map { Array(repeating: nil, count: $0.inks.count) }
        }
        var enlarged = digits
        for (place, reading) in zip(valueCells, digitReadings) { digits[place.page][place.table][place.cell] = reading }
        for (place, reading) in zip(valueCells, enlargedReadings) {
            enlarged[place.page][place.table][place.cell] = reading
        }

        return pages.enumerated().map { pageIndex, page in
            page.tables.enumerated().map { tableIndex, table in
                if ScanDebug.isOn {
                    ScanDebug.log(
                        "page \(page.number) angle \(page.angle) table \(tableIndex) rows \(table.grid.rows) columns \(table.grid.columns)"
                    )
                    for (cell, reading) in zip(table.grid.cells, chinese[pageIndex][tableIndex]) {
                        ScanDebug.log(
                            "  cell r\(cell.row)+\(cell.rowSpan) c\(cell.column)+\(cell.columnSpan) \(reading?.text ?? "<none>")"
                        )
                    }
                }
                let columns = valueColumns(table.grid, texts: chinese[pageIndex][tableIndex])
                let texts = table.inks.indices.map { cellIndex -> String in
                    guard table.inks[cellIndex].image != nil else {
                        // No writing found where a column prints numbers: the grid may have missed where the value
                        // stands, so the cell is unknown rather than a claim that it is printed empty.
                        let cell = table.grid.cells[cellIndex]
                        return cell.columnSpan == 1 && columns.contains(cell.column) ? ScannedCellText.unreadable : ""
                    }
                    let reading = chinese[pageIndex][tableIndex][cellIndex] ?? CellRecognizer.Reading(words: [])
                    if let number = digits[pageIndex][tableIndex][cellIndex] {
                        // Ink beside the value that was not taken as writing may be a digit of it.
                        if table.inks[cellIndex].isDoubtful { return ScannedCellText.unreadable }
                        let large = enlarged[pageIndex][tableIndex][cellIndex] ?? CellRecognizer.Reading(words: [])
                        let own = table.inks[cellIndex].valueImage.flatMap(DigitReader.number(in:))
                        let result = ScannedCellText.agreed(
                            text: reading,
                            digits: number,
                            enlarged: large,
                            own: own,
                            ownAllows: { number in
                                table.inks[cellIndex].valueImage.map { DigitReader.allows(number, in: $0) } ?? false
                            },
                            specksBeside: table.inks[cellIndex].hasSpecksBeside
                        )
                        if ScanDebug.isOn {
                            let cell = table.grid.cells[cellIndex]
                            ScanDebug.log(
                                "p\(page.number) t\(tableIndex) r\(cell.row) c\(cell.column) zh=\(reading.text)@\(Int(reading.confidence)) d=\(number.text)@\(Int(number.confidence)) L=\(large.text)@\(Int(large.confidence)) own=\(own ?? "-") → \(result)"
                            )
                            if own == nil, let image = table.inks[cellIndex].valueImage {
                                ScanDebug.log("    glyphs " + ScanDebug.glyphs(image))
                            }
                            ScanDebug.save(
                                table.inks[cellIndex].valueImage,
                                "p\(page.number)-t\(tableIndex)-r\(cell.row)-c\(cell.column)"
                            )
                        }
                        return result
                    }
                    // Writing that read as nothing: unknown, not an empty cell.
                    let text = ScannedCellText.label(reading.text)
                    return text.isEmpty ? ScannedCellText.unreadable : text
                }
                return Table(page: page.number, grid: table.grid, texts: texts, dotsPerInch: page.dotsPerInch)
            }
        }
    }

    /// The grid columns of a table that hold numbers: at least a third of their one-column cells with writing read as
    /// numbers (a column of 表四 holds two headers and one value). Writing read as nothing or as marks alone (the
    /// Chinese model often reads a lone 「0」 so) counts neither way.
    static func valueColumns(_ grid: TableGrid, texts: [CellRecognizer.Reading?]) -> Set<Int> {
        var written: [Int: Int] = [:]
        var numeric: [Int: Int] = [:]
        for (cell, reading) in zip(grid.cells, texts) where cell.columnSpan == 1 {
            guard let reading else { continue }
            guard ScannedCellText.looksNumeric(reading.text) || !ScannedCellText.hasNoChinese(reading.text) else {
                continue
            }
            written[cell.column, default: 0] += 1
            if ScannedCellText.looksNumeric(reading.text) { numeric[cell.column, default: 0] += 1 }
        }
        return Set(numeric.filter { column, count in count * 3 >= written[column, default: 0] }.keys)
    }
}
