import Foundation
import GongkaiModel

/// What the reader could and could not take from each table: missing tables and rows, rows with missing or surplus
/// values, blank and non-numeric cells (R5), digits that run together, and labels that differ from the format.
enum TableStateRules {
    static func check(_ report: AnnualReport) -> [Finding] {
        let spec = report.spec
        let names = CellNames(spec: spec)
        var findings: [Finding] = []
        for tableSpec in spec.tables {
            guard let table = report.table(tableSpec.kind) else {
                findings.append(
                    Finding(
                        code: "missing-table",
                        severity: .error,
                        table: tableSpec.kind,
                        message: "报告中没有找到\(tableSpec.kind.name)（\(tableSpec.kind.title)）。",
                        location: report.section(sectionKind(tableSpec.kind))?.location
                    )
                )
                continue
            }
            findings += missingRows(tableSpec, table, names: names)
            findings += rowStates(tableSpec, table, report: report, names: names)
            findings += labels(tableSpec, table, report: report, names: names)
        }
        findings += cellValues(report, names: names)
        return findings
    }

    static func sectionKind(_ table: TableKind) -> SectionKind {
        switch table {
        case .two: .proactive
        case .three: .applications
        case .four: .litigation
        }
    }

    static func missingRows(_ spec: TableSpec, _ table: PrintedTable, names: CellNames) -> [Finding] {
        let printed = Set(table.rows.map(\.key))
        var findings: [Finding] = []
        for row in spec.rows where !printed.contains(row.key) {
            // A variant row printed in its place (a single 「（六）其他处理」) covers it.
            let covered = printed.contains { spec.replacedByVariant[$0]?.contains(row.key) == true }
            if covered { continue }
            findings.append(
                Finding(
                    code: "missing-row",
                    severity: .warning,
                    table: spec.kind,
                    message: "\(spec.kind.name)缺少「\(row.fullLabel)」行；没有数据的行也应保留并填0。",
                    location: table.location
                )
            )
        }
        return findings
    }

    static func rowStates(
        _ spec: TableSpec,
        _ table: PrintedTable,
        report: AnnualReport,
        names: CellNames
    ) -> [Finding] {
        var findings: [Finding] = []
        var reportedWide = false
        for printed in table.rows where printed.state != .complete {
            guard let row = spec.row(printed.key) else { continue }
            // 表四 is one printed row of fifteen cells: say so once.
            if spec.kind == .four {
                if reportedWide { continue }
                reportedWide = true
            }
            let label = spec.kind == .four ? "表四数据行" : names.row(row)
            let finding: (String, Severity, String)?
            switch printed.state {
            case .complete:
                finding = nil
            case .blank:
                finding = ("R5", .error, "\(label)整行空白，没有填写任何数字；没有数据应填0。")
            case .fewerValues(let count, let expected):
                finding = (
                    "missing-cells", .error,
                    "\(label)只有\(count)个数值，应有\(expected)个；无法确定缺少的是哪一列，该行数据未予采用。"
                )
            case .moreValues(let count, let expected):
                finding = (
                    "extra-values", .error,
                    "\(label)有\(count)个数值，多于应有的\(expected)个；无法确定多出的数值属于哪一列，该行数据未予采用。"
                )
            case .ambiguousDigits(let digits, let solutions):
                let how =
                    solutions == 0
                    ? "按表内勾稽关系找不到成立的拆分"
                    : "按表内勾稽关系仍有\(solutions >= 2_000 ? "许多" : String(solutions))种拆分方式"
                finding = (
                    "ambiguous-digits", .error,
                    "\(label)的数字连在一起（\(digits)），\(how)，无法确定各列数值；请分列填写。"
                )
            case .unconfirmedRecognition:
                finding = (
                    "unconfirmed-ocr", .warning,
                    "\(label)是从扫描图像中识别出的，其中有数值两种识别方法未能一致认定，或与表格的勾稽关系不符，这些数值未予采用；请对照原件填写。"
                )
            case .unlabeledValues(let rows):
                finding = (
                    "unlabeled-values", .error,
                    "一行数值没有印出行名，按表格的行序可能属于包括\(label)在内的\(rows)行中的任一行；这些行的数据无法确定。"
                )
            case .detachedValue(let value, let columns):
                finding = (
                    "detached-value", .error,
                    "\(label)少一个数值，表外另印有「\(value)」；它可能属于该行\(columns)列中的任一列，无法确定的单元格未予采用。"
                )
            }
            if let (code, severity, message) = finding {
                findings.append(
                    Finding(
                        code: code,
                        severity: severity,
                        table: spec.kind,
                        figures: row.figureIDs.map { Finding.FigureRef(id: $0, value: report[$0] ?? .unknown) },
                        message: message,
                        location: printed.location
                    )
                )
            }
        }
        return findings
    }

    /// Whether a printed label ends in the first part of the format's row name, at least half of it: the rest was
    /// printed on the next line of the cell (a wrapped label), not left out.
    static func isWrapped(_ printed: String, _ name: String) -> Bool {
        let printed = Array(printed.unicodeScalars)
        let name = Array(name.unicodeScalars)
        let least = max(4, (name.count + 1) / 2)
        guard name.count > least, printed.count >= least else { return false }
        let head = name[0..<4]
        for start in 0...(printed.count - least) where printed[start..<(start + 4)].elementsEqual(head) {
            let tail = printed[start...]
            if tail.count >= least, tail.count < name.count, name.starts(with: tail) { return true }
        }
        return false
    }

    /// Printed row and column labels that differ from the format's wording.
    static func labels(_ spec: TableSpec, _ table: PrintedTable, report: AnnualReport, names: CellNames) -> [Finding] {
        var findings: [Finding] = []
        let keys = TemplateLabelKeys.of(report.template ?? .v2021)
        let tableID = spec.kind.rawValue
        for printed in table.rows where spec.kind != .four {
            guard let row = spec.row(printed.key) else { continue }
            if row.isVariant {
                let replaced = (spec.replacedByVariant[row.key] ?? []).compactMap { spec.row($0)?.label }
                findings.append(
                    Finding(
                        code: "row-variant",
                        severity: .warning,
                        table: spec.kind,
                        message: "\(spec.kind.name)只列了一行「\(row.label)」；2021年格式要求分为"
                            + replaced.map { "「\($0)」" }.joined(separator: "、") + "三行分别统计。",
                        location: printed.location
                    )
                )
                continue
            }
            if printed.printedLabel.isEmpty {
                findings.append(
                    Finding(
                        code: "unlabeled-row",
                        severity: .notice,
                        table: spec.kind,
                        message: "一行数值没有印出行名，按表格的行序只能是\(names.row(row))，已按该行读取。",
                        location: printed.location
                    )
                )
                continue
            }
            let key = LabelText.key(printed.printedLabel)
            let rowID = "\(tableID).\(row.key)"
            let name = keys.rowNames[rowID] ?? LabelText.key(row.name)
            if key.includes(name) || isWrapped(key, name) { continue }
            if let variant = keys.variants[rowID]?.first(where: { key.ends(with: $0.key) })?.text {
                findings.append(
                    Finding(
                        code: "label-variant",
                        severity: .notice,
                        table: spec.kind,
                        message: "\(names.row(row))印作「\(variant)」，格式规定为「\(row.name)」。",
                        location: printed.location
                    )
                )
            } else {
                findings.append(
                    Finding(
                        code: "label-variant",
                        severity: .notice,
                        table: spec.kind,
                        message: "\(spec.kind.name)的行名「\(printed.printedLabel)」与格式规定的「\(row.label)」不一致。",
                        location: printed.location
                    )
                )
            }
        }
        // Column headers: a variant printed where the format's label is absent.
        let header = LabelText.key(table.headerLabels.joined())
        for columnKeys in keys.columns[spec.kind] ?? [] {
            let column = columnKeys.column
            guard !header.includes(columnKeys.label) else { continue }
            for variant in columnKeys.variants where header.includes(variant.key) {
                findings.append(
                    Finding(
                        code: "label-variant",
                        severity: .notice,
                        table: spec.kind,
                        message: "\(spec.kind.name)的列名印作「\(variant.text)」，格式规定为「\(column.label)」。",
                        location: lineContaining(variant.text, in: report, from: table.location) ?? table.location
                    )
                )
            }
        }
        return findings
    }

    /// The first source line at or after `start` that prints `text`, pointing at it.
    static func lineContaining(_ text: String, in report: AnnualReport, from start: SourceLocation?) -> SourceLocation?
    {
        guard let first = start?.line, first >= 1 else { return nil }
        let lines = report.source.lines
        for index in (first - 1)..<min(lines.count, first + 40) {
            let line = lines[index]
            guard let offset = line.utf8Offset(of: text) else { continue }
            let column = line[..<line.utf8.index(line.startIndex, offsetBy: offset)].scalarCount
            return .text(line: index + 1, column: column + 1, endColumn: column + 1 + text.scalarCount)
        }
        return nil
    }

    /// Whether a cell's printed text is a number: digits, perhaps signed, perhaps with a decimal point.
    static func isNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var seenPoint = false
        var digits = 0
        for byte in bytes {
            if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else if byte >= 0x30 && byte <= 0x39 {
                digits += 1
            } else {
                return false
            }
        }
        return digits > 0
    }

    /// An R5 error about one cell.
    static func cellError(_ figure: Figure, _ table: TableKind, _ message: String) -> Finding {
        Finding(
            code: "R5",
            severity: .error,
            table: table,
            figures: [Finding.FigureRef(id: figure.id, value: figure.value)],
            message: message,
            location: figure.location
        )
    }

    /// R5 on single cells of otherwise complete rows: blanks and placeholders, numbers too large to be counts or too
    /// long to read, negative counts and amounts, decimals in counts.
    static func cellValues(_ report: AnnualReport, names: CellNames) -> [Finding] {
        var findings: [Finding] = []
        let spec = report.spec
        for table in report.tables {
            let tableSpec = spec.table(table.kind)
            for printed in table.rows where printed.state == .complete {
                guard let row = tableSpec.row(printed.key) else { continue }
                var blanks: [(ColumnSpec, Figure)] = []
                for (column, id) in zip(row.columns, row.figureIDs) {
                    guard let figure = report.figures[id] else { continue }
                    switch figure.value {
                    case .blank:
                        blanks.append((column, figure))
                    case let value where value.isImplausiblyLarge:
                        findings.append(
                            cellError(
                                figure,
                                table.kind,
                                "\(names.cell(figure.id))为\(value.text)，数值大得不可能是实际的数量或金额；请核对。"
                            )
                        )
                    case .unknown where isNumber(figure.printed):
                        findings.append(
                            cellError(
                                figure,
                                table.kind,
                                "\(names.cell(figure.id))为「\(figure.printed)」，位数太多，无法作为数字读取；请核对。"
                            )
                        )
                    case .integer(let value) where value < 0 && column.kind != .signedCount:
                        findings.append(cellError(figure, table.kind, "\(names.cell(figure.id))为负数（\(value)）；件数不能为负。"))
                    case .decimal(let value) where value < 0 && column.kind == .amount:
                        findings.append(
                            cellError(figure, table.kind, "\(names.cell(figure.id))为负数（\(value)）；金额不能为负。")
                        )
                    case .decimal where column.kind != .amount:
                        findings.append(
                            cellError(figure, table.kind, "\(names.cell(figure.id))为「\(figure.printed)」；件数应为整数。")
                        )
                    default:
                        break
                    }
                }
                guard !blanks.isEmpty else { continue }
                let printedTexts = blanks.map { $0.1.printed.isEmpty ? "空白" : "「\($0.1.printed)」" }
                let what = Set(printedTexts).count == 1 ? printedTexts[0] : "空白或非数字"
                findings.append(
                    Finding(
                        code: "R5",
                        severity: .error,
                        table: table.kind,
                        figures: blanks.map { Finding.FigureRef(id: $0.1.id, value: $0.1.value) },
                        message: "\(names.row(row))的" + blanks.map { "「\($0.0.label)」" }.joined(separator: "、")
                            + "列为\(what)；没有数据应填0。",
                        location: blanks[0].1.location
                    )
                )
            }
        }
        return findings
    }
}
