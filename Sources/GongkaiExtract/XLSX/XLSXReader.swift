public import Foundation

/// One worksheet of an Excel workbook (.xlsx) read as rows of cell texts: shared and inline strings as written,
/// numbers (dates among them, which Excel stores as serial numbers) as the digits stored.
public struct XLSXSheet: Sendable, Hashable {
    /// The sheet's name as its tab shows it.
    public var name: String
    /// The rows from row 1 down to the last row with a cell: `rows[0]` is Excel's row 1. A missing cell is "".
    public var rows: [[String]]
    /// True when the workbook counts dates from 1904 (Excel for Mac's old setting) rather than from 1900.
    public var uses1904Dates: Bool

    public init(name: String, rows: [[String]], uses1904Dates: Bool = false) {
        self.name = name
        self.rows = rows
        self.uses1904Dates = uses1904Dates
    }
}

/// The bounds a workbook must stay within: a ledger of a few thousand applications is far below each, and a zip bomb
/// or a hostile file stops at the first one it passes.
public struct XLSXLimits: Sendable, Hashable {
    /// Entries in the zip's central directory.
    public var maxEntries: Int
    /// Bytes one part (a sheet, the shared strings) may inflate to, counted while inflating.
    public var maxPartSize: Int
    /// Bytes all the parts read together may inflate to.
    public var maxTotalSize: Int
    /// How many times its compressed size a part may inflate to (text compresses about 5 to 20 times).
    public var maxRatio: Int
    /// Nesting depth of XML elements.
    public var maxDepth: Int
    /// Rows of the sheet (the last row number with a cell).
    public var maxRows: Int
    /// Columns of the sheet (the last column with a cell).
    public var maxColumns: Int
    /// Cells of the sheet, empty ones included.
    public var maxCells: Int
    /// Entries of the shared strings table.
    public var maxSharedStrings: Int

    public init(
        maxEntries: Int,
        maxPartSize: Int,
        maxTotalSize: Int,
        maxRatio: Int,
        maxDepth: Int,
        maxRows: Int,
        maxColumns: Int,
        maxCells: Int,
        maxSharedStrings: Int
    ) {
        self.maxEntries = maxEntries
        self.maxPartSize = maxPartSize
        self.maxTotalSize = maxTotalSize
        self.maxRatio = maxRatio
        self.maxDepth = maxDepth
        self.maxRows = maxRows
        self.maxColumns = maxColumns
        self.maxCells = maxCells
        self.maxSharedStrings = maxSharedStrings
    }

    /// 1,000 parts, 64 MB a part and 128 MB in all, 200 times compression at most, 100,000 rows, 200 columns,
    /// 2,000,000 cells, 1,000,000 shared strings.
    public static let standard = XLSXLimits(
        maxEntries: 1000,
        maxPartSize: 64 << 20,
        maxTotalSize: 128 << 20,
        maxRatio: 200,
        maxDepth: 100,
        maxRows: 100_000,
        maxColumns: 200,
        maxCells: 2_000_000,
        maxSharedStrings: 1_000_000
    )
}

/// Why a workbook could not be read, as one sentence a clerk understands.
public enum XLSXError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bytes are no zip at all.
    case notWorkbook
    /// An Excel 97–2003 workbook (.xls).
    case legacyWorkbook
    /// A zip holding something else: a Word document, a presentation, a plain archive.
    case otherPackage(String)
    /// The workbook has no sheet of that name.
    case noSuchSheet(String, available: [String])
    /// The workbook has no sheet at all.
    case noSheets
    /// A part is damaged: a broken zip, malformed XML.
    case damaged(String)
    /// A part inflates past its limit or far more than its compressed size (a zip bomb).
    case partTooLarge(part: String, limit: Int)
    case suspiciousCompression(part: String, ratio: Int)
    case tooManyParts(count: Int, limit: Int)
    case tooDeep(part: String, limit: Int)
    case tooManyRows(limit: Int)
    case tooManyColumns(limit: Int)
    case tooManyCells(limit: Int)
    case encrypted

    public var description: String {
        switch self {
        case .notWorkbook:
            "该文件不是 Excel 工作簿（.xlsx），无法读取；请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入。"
        case .legacyWorkbook:
            "该文件是旧版 Excel 工作簿（.xls），无法直接读取；请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入。"
        case .otherPackage(let kind):
            "该文件是\(kind)，不是 Excel 工作簿（.xlsx）。"
        case .noSuchSheet(let name, let available):
            "工作簿中没有名为「\(name)」的工作表；现有工作表：\(available.map { "「\($0)」" }.joined(separator: "、"))。"
        case .noSheets:
            "工作簿中没有工作表。"
        case .damaged(let detail):
            "Excel 工作簿已损坏，无法读取：\(detail)。"
        case .partTooLarge(let part, let limit):
            "工作簿中的「\(part)」解压后超过 \(limit >> 20) MB 的上限，未读取。"
        case .suspiciousCompression(let part, let ratio):
            "工作簿中的「\(part)」压缩比异常（超过 \(ratio) 倍），可能是恶意的“压缩炸弹”，未读取。"
        case .tooManyParts(let count, let limit):
            "工作簿中有 \(count) 个部件，超过 \(limit) 个的上限，未读取。"
        case .tooDeep(let part, let limit):
            "工作簿中的「\(part)」嵌套超过 \(limit) 层，未读取。"
        case .tooManyRows(let limit):
            "工作表超过 \(limit) 行的上限，未读取；请分成几个文件导入。"
        case .tooManyColumns(let limit):
            "工作表超过 \(limit) 列的上限，未读取。"
        case .tooManyCells(let limit):
            "工作表超过 \(limit) 个单元格的上限，未读取；请分成几个文件导入。"
        case .encrypted:
            "工作簿设有打开密码，无法读取；请取消密码后再导入。"
        }
    }
}

/// Excel workbook (.xlsx) bytes → one sheet's rows. Parts are inflated chunk by chunk into libxml2's push parser
/// within ``XLSXLimits``, as Word files are read.
public enum XLSXReader {
    /// Whether the bytes begin as a zip does (an .xlsx is one).
    public static func looksLikeZip(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// Whether the bytes begin as an OLE compound file does (.xls, and .xlsx files protected by a password).
    public static func looksLikeCompoundFile(_ data: Data) -> Bool {
        data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    }

    /// The names of the workbook's sheets, in tab order.
    public static func sheetNames(_ data: Data, limits: XLSXLimits = .standard) throws(XLSXError) -> [String] {
        var budget = limits.maxTotalSize
        let zip = try open(data, limits: limits)
        return try workbook(zip, limits: limits, budget: &budget).sheets.map(\.name)
    }

    /// The sheet named `sheet`, or the first sheet when nil.
    public static func read(
        _ data: Data,
        sheet: String? = nil,
        limits: XLSXLimits = .standard
    ) throws(XLSXError) -> XLSXSheet {
        let zip = try open(data, limits: limits)
        var budget = limits.maxTotalSize
        let book = try workbook(zip, limits: limits, budget: &budget)
        let chosen: WorkbookPartReader.Sheet
        if let sheet {
            let wanted = sheet.trimmingCharacters(in: .whitespaces)
            guard let found = book.sheets.first(where: { $0.name == wanted }) else {
                throw .noSuchSheet(sheet, available: book.sheets.map(\.name))
            }
            chosen = found
        } else {
            guard let first = book.sheets.first else { throw .noSheets }
            chosen = first
        }
        var sharedStrings: [String] = []
        if let entry = zip.entry(book.sharedStringsPath) {
            let reader = SharedStringsReader(limit: limits.maxSharedStrings)
            try parse(entry, in: zip, with: reader, limits: limits, budget: &budget) {
                reader.overflow ? .tooManyCells(limit: limits.maxSharedStrings) : nil
            }
            sharedStrings = reader.strings
        }
        guard let entry = zip.entry(chosen.path) else { throw .damaged("找不到工作表「\(chosen.name)」的内容") }
        let reader = WorksheetReader(sharedStrings: sharedStrings, limits: limits)
        try parse(entry, in: zip, with: reader, limits: limits, budget: &budget) { reader.failure }
        if let failure = reader.failure { throw failure }
        return XLSXSheet(name: chosen.name, rows: try reader.rows(), uses1904Dates: book.uses1904Dates)
    }

    static func open(_ data: Data, limits: XLSXLimits) throws(XLSXError) -> ZipReader {
        if looksLikeCompoundFile(data) { throw .legacyWorkbook }
        guard looksLikeZip(data) else { throw .notWorkbook }
        let zip: ZipReader
        do {
            zip = try ZipReader(data, maxEntries: limits.maxEntries)
        } catch {
            throw describe(error, part: "", limits: limits)
        }
        guard zip.entry("xl/workbook.xml") != nil else {
            throw .otherPackage(zip.packageKind(notHaving: "xl/workbook.xml"))
        }
        return zip
    }

    struct Workbook {
        var sheets: [WorkbookPartReader.Sheet]
        var sharedStringsPath: String
        var uses1904Dates: Bool
    }

    /// The sheets with their parts' paths, from `xl/workbook.xml` and its relationships.
    static func workbook(_ zip: ZipReader, limits: XLSXLimits, budget: inout Int) throws(XLSXError) -> Workbook {
        guard let entry = zip.entry("xl/workbook.xml") else { throw .notWorkbook }
        let book = WorkbookPartReader()
        try parse(entry, in: zip, with: book, limits: limits, budget: &budget)
        let relationships = WorkbookRelationshipsReader()
        if let rels = zip.entry("xl/_rels/workbook.xml.rels") {
            try parse(rels, in: zip, with: relationships, limits: limits, budget: &budget)
        }
        var sheets: [WorkbookPartReader.Sheet] = []
        for (index, sheet) in book.sheets.enumerated() {
            var resolved = sheet
            if let target = relationships.targets[sheet.relationship] {
                resolved.path = partPath(target)
            } else {
                resolved.path = "xl/worksheets/sheet\(index + 1).xml"
            }
            sheets.append(resolved)
        }
        let shared = relationships.sharedStrings.map(partPath) ?? "xl/sharedStrings.xml"
        return Workbook(sheets: sheets, sharedStringsPath: shared, uses1904Dates: book.uses1904Dates)
    }

    /// A relationship target as a path in the package: relative to `xl/`, or absolute from the package's root.
    static func partPath(_ target: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = ["xl"]
        for piece in target.split(separator: "/") {
            if piece == ".." {
                if !parts.isEmpty { parts.removeLast() }
            } else if piece != "." {
                parts.append(String(piece))
            }
        }
        return parts.joined(separator: "/")
    }

    /// Inflates one part into the XML parser within the part limit, the ratio limit and what is left of the total;
    /// `stop`, asked after each chunk, ends the reading with its error.
    static func parse(
        _ entry: ZipReader.Entry,
        in zip: ZipReader,
        with handler: any XMLEventHandler,
        limits: XLSXLimits,
        budget: inout Int,
        stop: () -> XLSXError? = { nil }
    ) throws(XLSXError) {
        let byRatio = max(entry.compressedSize, 1).multipliedReportingOverflow(by: limits.maxRatio)
        let ratioLimit = byRatio.overflow ? Int.max : max(byRatio.partialValue, 64 << 10)
        let limit = min(limits.maxPartSize, budget, ratioLimit)
        let produced: Int
        do {
            produced = try zip.parseXML(entry, with: handler, maxDepth: limits.maxDepth, limit: limit, stop: stop)
        } catch {
            switch error {
            case .xml(let failure): throw describe(failure, part: entry.path, limits: limits)
            case .stopped(let stopped): throw stopped
            case .zip(let failure):
                if case .entryTooLarge = failure {
                    if limit == ratioLimit && limit < limits.maxPartSize && limit < budget {
                        throw .suspiciousCompression(part: entry.path, ratio: limits.maxRatio)
                    }
                    throw .partTooLarge(part: entry.path, limit: min(limits.maxPartSize, limits.maxTotalSize))
                }
                throw describe(failure, part: entry.path, limits: limits)
            }
        }
        if let stopped = stop() { throw stopped }
        budget -= produced
    }

    static func describe(_ failure: ZipReader.Failure, part: String, limits: XLSXLimits) -> XLSXError {
        switch failure {
        case .corrupt(let detail): .damaged(detail)
        case .tooManyEntries(let count): .tooManyParts(count: count, limit: limits.maxEntries)
        case .entryTooLarge(let name): .partTooLarge(part: name, limit: limits.maxPartSize)
        case .totalTooLarge: .partTooLarge(part: "全部内容", limit: limits.maxTotalSize)
        case .encrypted: .encrypted
        case .stopped: .damaged("读取中断")
        }
    }

    static func describe(_ failure: XMLStreamParser.Failure, part: String, limits: XLSXLimits) -> XLSXError {
        switch failure {
        case .tooDeep: .tooDeep(part: part, limit: limits.maxDepth)
        case .malformed(let line, let message): .damaged("「\(part)」第\(line)行 XML 格式错误（\(message)）")
        }
    }
}
