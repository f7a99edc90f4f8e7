public import GRDB

// The records are plain Codable structs; these conformances map them to the SQLite tables (snake_case columns).

extension RegionRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "region"
    public static let databaseColumnDecodingStrategy = SnakeCase.decoding
    public static let databaseColumnEncodingStrategy = SnakeCase.encoding
}

extension AgencyRecord: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "agency"
    public static let databaseColumnDecodingStrategy = SnakeCase.decoding
    public static let databaseColumnEncodingStrategy = SnakeCase.encoding

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension AgencyAliasRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "agency_alias"
    public static let databaseColumnDecodingStrategy = SnakeCase.decoding
    public static let databaseColumnEncodingStrategy = SnakeCase.encoding
}

extension ReportRecord: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "report"
    public static let databaseColumnDecodingStrategy = SnakeCase.decoding
    public static let databaseColumnEncodingStrategy = SnakeCase.encoding

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension FigureKindRecord: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "figure_kind"
    public static let databaseColumnDecodingStrategy = SnakeCase.decoding
    public static let databaseColumnEncodingStrategy = SnakeCase.encoding

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension SectionRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "section"
    public static let databaseColumnDecodingStrategy = SnakeCase.decoding
    public static let databaseColumnEncodingStrategy = SnakeCase.encoding
}

extension FindingRecord: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "finding"
    public static let databaseColumnDecodingStrategy = SnakeCase.decoding
    public static let databaseColumnEncodingStrategy = SnakeCase.encoding

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension FailureRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "failure"
    public static let databaseColumnDecodingStrategy = SnakeCase.decoding
    public static let databaseColumnEncodingStrategy = SnakeCase.encoding
}

/// Column names in snake_case; a property ending in `ID` is a column ending in `_id`.
enum SnakeCase {
    static let decoding = DatabaseColumnDecodingStrategy.custom { column in
        AnyCodingKey(property(column))
    }
    static let encoding = DatabaseColumnEncodingStrategy.custom { key in column(key.stringValue) }

    /// `previous_report_id` → `previousReportID`.
    static func property(_ column: String) -> String {
        var result = ""
        for (index, part) in column.split(separator: "_").enumerated() {
            if index == 0 {
                result += part
            } else if part == "id" {
                result += "ID"
            } else {
                result += part.prefix(1).uppercased() + part.dropFirst()
            }
        }
        return result
    }

    /// `previousReportID` → `previous_report_id`.
    static func column(_ property: String) -> String {
        var name = property
        if name.hasSuffix("ID") { name = String(name.dropLast(2)) + "Id" }
        var result = ""
        for character in name {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}

struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ stringValue: String) { self.stringValue = stringValue }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}
