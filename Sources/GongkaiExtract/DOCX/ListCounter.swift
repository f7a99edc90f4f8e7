/// The running numbers of Word's automatic lists, advanced paragraph by paragraph in document order, giving each
/// numbered paragraph its printed number (「一、」, 「（二）」, 「3.」).
///
/// Lists that share an abstract definition share their numbers, as in Word, unless a list restarts with
/// `w:startOverride`; a level's number restarts after any paragraph of a level above it.
struct ListCounter {
    let numbering: WordNumbering
    private var counts: [String: [Int?]] = [:]

    init(_ numbering: WordNumbering) {
        self.numbering = numbering
    }

    /// The printed label for the next paragraph of list `numID` at `level`, with the space Word puts after it.
    mutating func next(numID: String, level: Int) -> String {
        guard numID != "0", let list = numbering.lists[numID], (0..<9).contains(level),
            let definition = numbering.level(numID, level)
        else { return "" }
        let key = list.startOverrides.isEmpty ? "a" + list.abstractID : "n" + numID
        var values = counts[key] ?? Array(repeating: nil, count: 9)
        if let current = values[level] {
            values[level] = current + 1
        } else {
            values[level] = list.startOverrides[level] ?? definition.start
        }
        for deeper in (level + 1)..<9 { values[deeper] = nil }
        counts[key] = values
        if definition.format == "bullet" || definition.format == "none" { return "" }
        let label = render(definition, values: values, numID: numID, level: level)
        guard !label.isEmpty else { return "" }
        switch definition.suffix {
        case "nothing": return label
        case "space": return label + " "
        default:
            // A tab after 「一、」 or 「（一）」 prints as a gap; text keeps the label next to the heading.
            let last = label.unicodeScalars.last.map { $0.value } ?? 0
            return last >= 0x3000 || label.hasSuffix(".") ? label : label + " "
        }
    }

    private func render(_ definition: WordNumbering.Level, values: [Int?], numID: String, level: Int) -> String {
        var result = ""
        var scalars = Array(definition.text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == "%", let digit = scalars.first, ("1"..."9").contains(digit) {
                scalars.removeFirst()
                let referenced = Int(digit.value) - 49
                let levelDefinition = numbering.level(numID, referenced) ?? definition
                let value = values[referenced] ?? levelDefinition.start
                let format = definition.isLegal && referenced < level ? "decimal" : levelDefinition.format
                result += ListNumberFormat.text(value, format: format)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
