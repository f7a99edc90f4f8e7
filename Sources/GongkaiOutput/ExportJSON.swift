public import GongkaiModel

/// The JSON of `gongkai export --format json`: `{"schemaVersion": 2, "reports": [entry, …]}` with one entry a line,
/// each the corpus's fields (``CorpusFields``) and, under `report`, the report exactly as `gongkai parse` writes it
/// (``ReportJSON``). Written an entry at a time, so that an export of the whole corpus is never held. See
/// `Docs/data.md` and `Docs/schema/export.schema.json`.
public enum ExportJSON {
    public static var schemaVersion: Int { ReportJSON.schemaVersion }

    /// What comes before the first entry.
    public static var head: [UInt8] { Array("{\"schemaVersion\":\(schemaVersion),\"reports\":[".utf8) }

    /// What goes between the entries before this one and this one: a line break, after a comma but for the first.
    public static func separator(first: Bool) -> [UInt8] {
        first ? [UInt8(ascii: "\n")] : [UInt8(ascii: ","), UInt8(ascii: "\n")]
    }

    /// What comes after the last entry, line break included.
    public static var tail: [UInt8] { Array("\n]}\n".utf8) }

    /// One stored report: `findings` are the report's own (they go in `report`), the cross-year ones come with
    /// `corpus`.
    public static func entry(_ report: AnnualReport, findings: [Finding], corpus: CorpusFields) -> [UInt8] {
        var writer = JSONWriter(pretty: false, capacity: 1 << 15)
        writer.beginObject()
        writer.int("reportId", Int(corpus.reportID))
        writer.int("agencyId", Int(corpus.agencyID))
        writer.string("agency", corpus.agency)
        writer.string("regionCode", corpus.regionCode)
        writer.string("region", corpus.region)
        writer.int("version", corpus.version)
        writer.string("reportStatus", corpus.reportStatus)
        writer.string("contentHash", corpus.contentHash)
        writer.beginArray("crossYearFindings")
        for crossYear in corpus.crossYearFindings {
            ReportJSON.write(crossYear.finding, into: &writer, crossYear: crossYear)
        }
        writer.endArray()
        ReportJSON.write(report, findings: findings, into: &writer, key: "report")
        writer.endObject()
        return writer.bytes
    }
}
