/// Screening a text before it is published: personal data (identity, phone, card and passport numbers, e-mail
/// addresses, home addresses, natural persons' names in decisions) and wrong or sensitive wording (错敏词).
///
/// Pure functions over values: call them from a store, a web page or the command line alike.
public enum Screening {
    /// Every hit in `text`, in the order they stand in it.
    public static func screen(_ text: String, words: WordList = .builtIn) -> [ScreeningHit] {
        let screenText = ScreenText(text)
        var scanner = PersonalDataScanner(screenText)
        var hits = scanner.scan()
        hits += WordingScanner(words).scan(screenText)
        return hits.sorted { ($0.utf8Start, $0.utf8End) < ($1.utf8Start, $1.utf8End) }
    }

    /// The text with each personal-data hit replaced by its masked form (3201**********1234, 138****5678, 张某 …);
    /// wording and organisations' codes are left as they are. Hits that overlap an earlier one are skipped.
    public static func mask(_ text: String, _ hits: [ScreeningHit]) -> String {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var cursor = 0
        let masked = hits.filter { $0.kind.isPersonalData && $0.severity == .error }.sorted {
            $0.utf8Start < $1.utf8Start
        }
        for hit in masked where hit.utf8Start >= cursor && hit.utf8End <= bytes.count && hit.utf8Start < hit.utf8End {
            result += bytes[cursor..<hit.utf8Start]
            result += Array(hit.suggestion.utf8)
            cursor = hit.utf8End
        }
        result += bytes[cursor...]
        return String(decoding: result, as: UTF8.self)
    }

    /// How many hits of each severity: for a summary line.
    public static func counts(_ hits: [ScreeningHit]) -> (errors: Int, notices: Int) {
        let errors = hits.filter { $0.severity == .error }.count
        return (errors, hits.count - errors)
    }
}
