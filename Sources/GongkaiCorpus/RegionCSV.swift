import Foundation
public import GongkaiStore

/// A region tree as CSV: `code,name,parent,level`, one region or agency a line, with or without that header line.
///
/// A row whose level is `agency` (or 机关, 单位, 部门) lists an agency that must publish a report; its parent is the
/// region it belongs to. Fields may be quoted (`"…"`, with `""` for a quote).
public enum RegionCSV {
    public static func parse(_ text: String) throws(StoreError) -> [RegionRow] {
        var rows: [RegionRow] = []
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let fields = CSVLine.fields(String(line)).map { $0.trimmingCharacters(in: .whitespaces) }
            if fields.allSatisfy(\.isEmpty) { continue }
            if index == 0, fields.first?.lowercased() == "code" || fields.first == "代码" { continue }
            guard fields.count >= 4 else {
                throw .invalidRegionFile(line: index + 1, reason: "应有 code,name,parent,level 四列，实有\(fields.count)列")
            }
            guard !fields[0].isEmpty, !fields[1].isEmpty else {
                throw .invalidRegionFile(line: index + 1, reason: "代码和名称不能为空")
            }
            rows.append(
                RegionRow(
                    code: fields[0],
                    name: fields[1],
                    parent: fields[2].isEmpty ? nil : fields[2],
                    level: fields[3]
                )
            )
        }
        return rows
    }
}

/// Splits one CSV line into fields.
enum CSVLine {
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let after = iterator.next() {
                        if after == "\"" {
                            field.append("\"")
                        } else {
                            quoted = false
                            pending = after
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" && field.isEmpty {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}
