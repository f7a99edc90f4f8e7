public import Foundation
public import GongkaiExtract

/// A ledger's rows of cells, read from a CSV file or an Excel workbook, each row with its number as Excel shows it.
public struct LedgerTable: Sendable, Hashable {
    /// One row: its number as Excel shows it (1-based; a CSV record with line breaks inside quotes is one row) and its
    /// cells' texts.
    public struct Row: Sendable, Hashable {
        public var number: Int
        public var cells: [String]

        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }

        /// The cell in `column`, "" past the row's end, spaces around it taken away.
        public func cell(_ column: Int) -> String {
            column < cells.count ? cells[column].trimmingCharacters(in: .whitespacesAndNewlines) : ""
        }
    }

    /// The bounds a ledger file must stay within.
    public struct Limits: Sendable, Hashable {
        /// Bytes of the file.
        public var maxBytes: Int
        /// Rows (CSV records).
        public var maxRows: Int
        /// Cells of one row.
        public var maxColumns: Int
        /// The workbook's bounds, for an .xlsx file.
        public var workbook: XLSXLimits

        public init(maxBytes: Int, maxRows: Int, maxColumns: Int, workbook: XLSXLimits) {
            self.maxBytes = maxBytes
            self.maxRows = maxRows
            self.maxColumns = maxColumns
            self.workbook = workbook
        }

        /// 64 MB, 100,000 rows, 200 columns; the workbook's standard limits.
        public static let standard = Limits(
            maxBytes: 64 << 20,
            maxRows: 100_000,
            maxColumns: 200,
            workbook: .standard
        )
    }

    public var rows: [Row]
    /// True when serial-number dates count from 1904 (a workbook saved with that setting).
    public var uses1904Dates: Bool

    public init(rows: [Row], uses1904Dates: Bool = false) {
        self.rows = rows
        self.uses1904Dates = uses1904Dates
    }

    /// The file's rows: an Excel workbook (.xlsx, the sheet named `sheet` or the first) when its name or its bytes
    /// say so, else CSV text in UTF-8 (with or without BOM), UTF-16 or GBK.
    public static func read(
        fileBytes: Data,
        name: String,
        sheet: String? = nil,
        limits: Limits = .standard
    ) throws(LedgerErrors) -> LedgerTable {
        guard fileBytes.count <= limits.maxBytes else {
            throw LedgerErrors("文件大小超过 \(limits.maxBytes >> 20) MB 的上限，未读取；请分成几个文件导入。")
        }
        let lowered = name.lowercased()
        let workbookName = lowered.hasSuffix(".xlsx") || lowered.hasSuffix(".xlsm") || lowered.hasSuffix(".xls")
        if workbookName || XLSXReader.looksLikeZip(fileBytes) || XLSXReader.looksLikeCompoundFile(fileBytes) {
            return try xlsx(fileBytes, sheet: sheet, limits: limits.workbook)
        }
        return try csv(fileBytes, limits: limits)
    }

    /// The rows of a workbook's sheet.
    public static func xlsx(
        _ data: Data,
        sheet: String? = nil,
        limits: XLSXLimits = .standard
    ) throws(LedgerErrors) -> LedgerTable {
        do {
            let read = try XLSXReader.read(data, sheet: sheet, limits: limits)
            let rows = read.rows.enumerated().map { Row(number: $0.offset + 1, cells: $0.element) }
            return LedgerTable(rows: rows, uses1904Dates: read.uses1904Dates)
        } catch {
            throw LedgerErrors(error.description)
        }
    }

    /// The rows of CSV bytes, their encoding detected.
    public static func csv(_ data: Data, limits: Limits = .standard) throws(LedgerErrors) -> LedgerTable {
        let text: String
        do {
            text = try TextDecoder.decode(data).text
        } catch .empty {
            throw LedgerErrors("文件是空的。")
        } catch {
            throw LedgerErrors("无法识别文件的文字编码（支持 UTF-8、GBK）：\(error.description)")
        }
        return try csv(text: text, limits: limits)
    }

    /// The rows of CSV text (RFC 4180): fields separated by commas (or by tabs, when the first line has tabs and no
    /// comma), a field in double quotes may hold commas and line breaks, and `""` inside quotes is one quote.
    public static func csv(text: String, limits: Limits = .standard) throws(LedgerErrors) -> LedgerTable {
        var scalars = Substring(text).unicodeScalars
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        let firstLine = scalars.prefix { $0 != "\n" && $0 != "\r" }
        let separator: Unicode.Scalar =
            !firstLine.contains(",") && firstLine.contains("\t") ? "\t" : ","
        var rows: [Row] = []
        var cells: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var afterQuote = false
        var quoteStartRow = 0
        var index = scalars.startIndex
        func endField() throws(LedgerErrors) {
            cells.append(String(field))
            field = String.UnicodeScalarView()
            afterQuote = false
            guard cells.count <= limits.maxColumns else {
                throw LedgerErrors([
                    LedgerProblem(row: rows.count + 1, message: "一行超过 \(limits.maxColumns) 列的上限，未读取。")
                ])
            }
        }
        func endRow() throws(LedgerErrors) {
            try endField()
            rows.append(Row(number: rows.count + 1, cells: cells))
            cells = []
            guard rows.count <= limits.maxRows else {
                throw LedgerErrors("文件超过 \(limits.maxRows) 行的上限，未读取；请分成几个文件导入。")
            }
        }
        while index < scalars.endIndex {
            let scalar = scalars[index]
            index = scalars.index(after: index)
            if quoted {
                if scalar == "\"" {
                    if index < scalars.endIndex, scalars[index] == "\"" {
                        field.append("\"")
                        index = scalars.index(after: index)
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty && !afterQuote:
                quoted = true
                quoteStartRow = rows.count + 1
            case separator:
                try endField()
            case "\r":
                if index < scalars.endIndex, scalars[index] == "\n" { index = scalars.index(after: index) }
                try endRow()
            case "\n":
                try endRow()
            default:
                field.append(scalar)
            }
        }
        if quoted {
            throw LedgerErrors([
                LedgerProblem(row: quoteStartRow, message: "这一行的双引号没有结束，文件可能不完整或不是逗号分隔的 CSV 文件。")
            ])
        }
        if !field.isEmpty || !cells.isEmpty || afterQuote { try endRow() }
        return LedgerTable(rows: rows)
    }

    /// The index in ``rows`` of the header row: the first of the first 50 rows with at least 3 cells recognised as
    /// fields (the headers `mapping` names count too); the title rows above it are skipped.
    public func headerIndex(mapping: LedgerMapping = LedgerMapping()) -> Int? {
        let named = Set(mapping.headers.values.map(LedgerField.normalizedHeader))
        for (index, row) in rows.prefix(50).enumerated() {
            let explicit = row.cells.filter { named.contains(LedgerField.normalizedHeader($0)) }.count
            let recognised = LedgerField.recognise(row.cells, fields: LedgerField.allCases).count
            if explicit + recognised >= 3 { return index }
        }
        return nil
    }

    /// The header as the columns are read: the header row's cells, or, when the row below it is a second header row
    /// (a ledger grouping columns under merged headings: 「补正情况」 over 「告知日期」「收到补正日期」), each
    /// column's heading from the two rows together. `firstData` is the index in ``rows`` of the first row of data, and
    /// `number` the number of the last header row.
    public struct Header: Sendable, Hashable {
        public var cells: [String]
        public var number: Int
        public var firstData: Int
    }

    /// The header found by ``headerIndex(mapping:)``, with a second header row below it taken in.
    public func header(mapping: LedgerMapping = LedgerMapping()) -> Header? {
        guard let index = headerIndex(mapping: mapping) else { return nil }
        let top = rows[index]
        let plain = Header(cells: top.cells, number: top.number, firstData: index + 1)
        guard index + 1 < rows.count else { return plain }
        let below = rows[index + 1]
        let filled = below.cells.indices.filter { !below.cell($0).isEmpty }
        let mergedAbove = filled.contains { top.cell($0).isEmpty }
        let hasData = filled.contains { LedgerValues.date(below.cell($0)) != nil || Double(below.cell($0)) != nil }
        guard filled.count >= 2, mergedAbove, !hasData else { return plain }
        var cells: [String] = []
        var parent = ""
        let exact = Set(LedgerField.allCases.flatMap(\.synonyms))
        for column in 0..<max(top.cells.count, below.cells.count) {
            let heading = top.cell(column)
            let sub = below.cell(column)
            if !heading.isEmpty { parent = Self.groupName(heading) }
            if sub.isEmpty {
                cells.append(heading)
            } else if exact.contains(LedgerField.normalizedHeader(sub)) {
                cells.append(sub)
            } else {
                cells.append(parent + sub)
            }
        }
        let before = LedgerField.recognise(top.cells, fields: LedgerField.allCases).count
        guard LedgerField.recognise(cells, fields: LedgerField.allCases).count > before else { return plain }
        return Header(cells: cells, number: below.number, firstData: index + 2)
    }

    /// A group heading without its 「情况」「信息」「事项」: 「补正情况」 → 「补正」.
    static func groupName(_ heading: String) -> String {
        var name = LedgerField.normalizedHeader(heading)
        for suffix in ["情况", "信息", "事项"] where name.hasSuffix(suffix) && name.count > suffix.count {
            name = String(name.dropLast(suffix.count))
            break
        }
        return name
    }
}
