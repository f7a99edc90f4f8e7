/// Finds personal data in a text: identity, phone, card and passport numbers, e-mail addresses, home addresses and the
/// names of natural persons in the labelled fields of decisions.
struct PersonalDataScanner {
    let text: ScreenText
    private(set) var hits: [ScreeningHit] = []
    /// Where a party's particulars begin: true for a natural person, false for an organisation.
    private var parties: [(index: Int, isPerson: Bool)] = []
    /// Scalar ranges already taken by a hit.
    private var taken: [Range<Int>] = []

    init(_ text: ScreenText) {
        self.text = text
    }

    mutating func scan() -> [ScreeningHit] {
        scanLabelledFields()
        scanTables()
        scanNamesElsewhere()
        scanPersonMarkers()
        parties.sort { $0.index < $1.index }
        scanEmails()
        scanNumbers()
        scanFlats()
        return hits
    }

    // MARK: Hits

    private mutating func add(
        _ kind: ScreeningKind,
        _ start: Int,
        _ end: Int,
        severity: ScreeningSeverity = .error,
        message: String,
        suggestion: String
    ) {
        let range = start..<end
        guard !taken.contains(where: { $0.overlaps(range) }) else { return }
        taken.append(range)
        let (line, column) = text.position(of: start)
        hits.append(
            ScreeningHit(
                kind: kind,
                severity: severity,
                utf8Start: text.offsets[start],
                utf8End: text.offsets[end],
                line: line,
                column: column,
                text: text.original(start, end),
                message: message,
                suggestion: suggestion
            )
        )
    }

    private func isTaken(_ start: Int, _ end: Int) -> Bool {
        taken.contains { $0.overlaps(start..<end) }
    }

    // MARK: Context

    /// The words printed before `index` on its line, skipping the numbers, separators and punctuation of a list
    /// (「咨询电话：025-1234567、025-7654321」 gives 咨询电话 for both numbers): up to ten Chinese characters.
    func label(before index: Int) -> String {
        let lineStart = text.lineStart(of: index)
        var cursor = index - 1
        var skipped = 0
        while cursor >= lineStart, skipped < 48 {
            let scalar = text[cursor]
            let isSeparator =
                text.isTokenCharacter(cursor) || " -、，,；;/（）()：:.+#＃或及和转至【】[]<>《》\t".unicodeScalars.contains(scalar)
            guard isSeparator else { break }
            cursor -= 1
            skipped += 1
        }
        let end = cursor + 1
        var start = end
        while start > lineStart, end - start < 10, text.isHan(start - 1) { start -= 1 }
        return text.string(start, end)
    }

    /// The whole line before `index`, for labels that stand further back (「联系人：王某，联系电话」).
    func linePrefix(before index: Int) -> String {
        text.string(text.lineStart(of: index), index)
    }

    /// Whether `index` follows an office's contact details on its line (within 80 characters) and lies in no natural
    /// person's particulars.
    func inOfficeContact(_ index: Int) -> Bool {
        guard !inPersonRecord(index) else { return false }
        let start = max(text.lineStart(of: index), index - 80)
        return Labels.contains(text.string(start, index), Labels.officeContact)
    }

    /// Whether `index` lies in a natural person's particulars: the nearest party or particulars mark before it, within
    /// 300 characters, is a person's.
    ///
    /// The particulars are a block of short lines (or one line): a paragraph of more than 80 characters between the
    /// mark and `index` ends them.
    func inPersonRecord(_ index: Int) -> Bool {
        guard let nearest = nearestParty(before: index), index - nearest.index <= 300, nearest.isPerson else {
            return false
        }
        let first = text.lineIndex(of: nearest.index)
        let last = text.lineIndex(of: index)
        guard last - first >= 2 else { return true }
        for line in (first + 1)..<last where text.lineStarts[line + 1] - text.lineStarts[line] > 81 { return false }
        return true
    }

    /// Whether the words right after a number name an office (「025-83456789（区政府信息公开办公室）」).
    func officeNamedAfter(_ end: Int) -> Bool {
        guard end < text.count, text[end] == "（" || text[end] == "(" else { return false }
        let close = min(text.count, end + 20)
        return Labels.contains(text.string(end, close), ["办公室", "局", "中心", "政府", "窗口", "委员会", "科", "处"])
    }

    /// Whether the party nearest before `index` is an organisation.
    func inOrganisationRecord(_ index: Int) -> Bool {
        guard let nearest = nearestParty(before: index), index - nearest.index <= 300 else { return false }
        return !nearest.isPerson
    }

    /// The last party mark before `index` (the marks are sorted once the labelled fields are read).
    private func nearestParty(before index: Int) -> (index: Int, isPerson: Bool)? {
        var low = 0
        var high = parties.count
        while low < high {
            let middle = (low + high) / 2
            if parties[middle].index < index { low = middle + 1 } else { high = middle }
        }
        return low > 0 ? parties[low - 1] : nil
    }

    // MARK: Labelled fields: names and home addresses

    /// Each `label：value` (or a table's label and value cells): names after the person labels, home addresses after
    /// the address labels.
    private mutating func scanLabelledFields() {
        var index = 0
        while index < text.count {
            let scalar = text[index]
            guard scalar == "：" || scalar == ":" || scalar == "\t" || scalar == "|" else {
                index += 1
                continue
            }
            let label = fieldLabel(before: index)
            if !label.isEmpty {
                var start = index + 1
                while start < text.count, text[start] == " " || text[start] == "\t" { start += 1 }
                if Labels.hasSuffix(label, Labels.person) {
                    nameField(label: label, at: start)
                } else if Labels.hasSuffix(label, Labels.homeAddress) {
                    addressField(label: label, at: start)
                }
            }
            index += 1
        }
    }

    /// Tables whose header row names a person column (当事人, 姓名, 行政相对人名称, 法定代表人 …): in the rows below it
    /// with as many cells, that column's cells are read as the field's value (双公示 lists of penalties and licences).
    private mutating func scanTables() {
        var header: (columns: [(index: Int, label: String)], cells: Int)?
        for line in 0..<text.lineStarts.count {
            let start = text.lineStarts[line]
            let end = line + 1 < text.lineStarts.count ? text.lineStarts[line + 1] - 1 : text.count
            let cells = tableCells(start, end)
            guard cells.count >= 3 else {
                header = nil
                continue
            }
            let labels = cells.map { text.string($0.start, $0.end).trimmingSpaces }
            let columns = labels.enumerated().compactMap { index, label -> (index: Int, label: String)? in
                let isHeader =
                    label.unicodeScalars.count <= 12
                    && (Labels.hasSuffix(label, Labels.person) || Labels.hasSuffix(label, Labels.personColumn))
                return isHeader ? (index, label) : nil
            }
            if !columns.isEmpty, labels.allSatisfy({ !$0.unicodeScalars.contains { ("0"..."9").contains($0) } }) {
                header = (columns, cells.count)
                continue
            }
            guard let current = header, current.cells == cells.count else {
                header = nil
                continue
            }
            for column in current.columns {
                var cellStart = cells[column.index].start
                while cellStart < cells[column.index].end, text[cellStart] == " " { cellStart += 1 }
                nameField(label: column.label, at: cellStart)
            }
        }
    }

    /// The cells of a line between `start` and `end`, split at tabs or, failing those, at `|`.
    private func tableCells(_ start: Int, _ end: Int) -> [(start: Int, end: Int)] {
        let separator: Unicode.Scalar =
            (start..<end).contains { text[$0] == "\t" } ? "\t" : (start..<end).contains { text[$0] == "|" } ? "|" : "\n"
        guard separator != "\n" else { return [] }
        var cells: [(start: Int, end: Int)] = []
        var cellStart = start
        for index in start..<end where text[index] == separator {
            cells.append((cellStart, index))
            cellStart = index + 1
        }
        cells.append((cellStart, end))
        // A Markdown row's outer pipes leave empty cells at both ends.
        if separator == "|" {
            if let first = cells.first, text.string(first.start, first.end).trimmingSpaces.isEmpty {
                cells.removeFirst()
            }
            if let last = cells.last, text.string(last.start, last.end).trimmingSpaces.isEmpty { cells.removeLast() }
        }
        return cells
    }

    /// The Chinese characters right before a field's colon, without a note in brackets (「法定代表人（负责人）」).
    private func fieldLabel(before colon: Int) -> String {
        let lineStart = text.lineStart(of: colon)
        var end = colon
        while end > lineStart, text[end - 1] == " " { end -= 1 }
        if end > lineStart, text[end - 1] == "）" || text[end - 1] == ")" {
            var open = end - 1
            while open > lineStart, open > end - 12, text[open] != "（", text[open] != "(" { open -= 1 }
            if text[open] == "（" || text[open] == "(" { end = open }
        }
        var start = end
        while start > lineStart, end - start < 12, text.isHan(start - 1) { start -= 1 }
        return text.string(start, end)
    }

    private mutating func nameField(label: String, at start: Int) {
        var end = start
        while end < text.count, end - start < 40,
            text.isHan(end) || text[end] == "·" || text[end] == "•" || text[end] == "・"
        {
            end += 1
        }
        guard end > start else { return }
        let value = text.string(start, end)
        // A representative's or an agent's name belongs to the party's record, it does not start one.
        let startsRecord = !Labels.hasSuffix(label, Labels.representative)
        if Self.isOrganisation(value) {
            if startsRecord { parties.append((start, false)) }
            return
        }
        let masked =
            value.unicodeScalars.contains("某")
            || (end < text.count && (ScreenText.isMask(text[end]) || text[end] == "X"))
        if masked {
            if startsRecord { parties.append((start, true)) }
            return
        }
        if Labels.noName.contains(value) || Labels.hasSuffix(value, Labels.columnWords) { return }
        let length = value.unicodeScalars.count
        let hasDot = value.unicodeScalars.contains { $0 == "·" || $0 == "•" || $0 == "・" }
        guard (2...4).contains(length) || (hasDot && length <= 20) else { return }
        if startsRecord { parties.append((start, true)) }
        add(
            .personName,
            start,
            end,
            message: "「\(label)」栏中的自然人姓名，公开时应隐去名字，写作「\(Self.maskedName(value))」。",
            suggestion: Self.maskedName(value)
        )
    }

    /// Every other place a name found in a labelled field stands (「询问笔录（张三，……）」, 「张三的陈述」): once a text names
    /// a person in a decision's field, the same name elsewhere in it is the same person.
    private mutating func scanNamesElsewhere() {
        var byFirst: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
        for name in Set(hits.filter { $0.kind == .personName }.map(\.text)) {
            let folded = Array(ScreenText.foldAll(name).unicodeScalars)
            guard folded.count >= 2, let first = folded.first else { continue }
            byFirst[first, default: []].append(folded)
        }
        guard !byFirst.isEmpty else { return }
        for key in byFirst.keys { byFirst[key]?.sort { $0.count > $1.count } }
        var index = 0
        outer: while index < text.count {
            if text.isHan(index), let names = byFirst[text[index]] {
                for name in names where text.matches(name, at: index) && !isTaken(index, index + name.count) {
                    var original = ""
                    original.unicodeScalars.append(contentsOf: name)
                    add(
                        .personName,
                        index,
                        index + name.count,
                        message: "前文「当事人」等栏中的自然人姓名，在此再次出现，公开时应写作「\(Self.maskedName(original))」。",
                        suggestion: Self.maskedName(original)
                    )
                    index += name.count
                    continue outer
                }
            }
            index += 1
        }
    }

    static let multiCharacterOrganisation = LabelSet(Labels.organisationWords.filter { $0.unicodeScalars.count > 1 })

    static let strongSingleSuffixes: LabelSet = [
        "厂", "店", "局", "社", "所", "站", "部", "队", "馆", "吧", "铺", "矿", "处", "厅", "场", "院",
    ]

    /// Whether a party's name is an organisation's (公司, 厂, 店, 中心, 合作社 …).
    static func isOrganisation(_ value: String) -> Bool {
        let length = value.unicodeScalars.count
        if length <= 3 {
            return Labels.hasSuffix(value, multiCharacterOrganisation) || Labels.hasSuffix(value, strongSingleSuffixes)
        }
        return Labels.contains(value, Labels.organisation)
    }

    /// A name with the given name hidden: 张三 → 张某, 欧阳明华 → 欧阳某, 买买提·艾力 → 买某.
    static func maskedName(_ name: String) -> String {
        if let surname = Labels.compoundSurnames.first(where: { name.hasPrefix($0) }), name.count > 2 {
            return surname + "某"
        }
        return String(name.prefix(1)) + "某"
    }

    private mutating func addressField(label: String, at start: Int) {
        if Labels.hasSuffix(label, Labels.seatAddress), inOrganisationRecord(start) { return }
        var end = start
        while end < text.count, end - start < 80, !"。；;，,\n\t （(".unicodeScalars.contains(text[end]) { end += 1 }
        guard end > start else { return }
        let value = text.string(start, end)
        if value.unicodeScalars.contains(where: { $0 == "某" || ScreenText.isMask($0) }) { return }
        let detailed =
            value.unicodeScalars.contains { ("0"..."9").contains($0) }
            || Labels.contains(value, ["号", "室", "栋", "幢", "单元", "组", "弄", "巷", "楼"])
        guard detailed, value.unicodeScalars.count >= 4 else { return }
        add(
            .address,
            start,
            end,
            message: "「\(label)」栏中的详细住址，公开时只保留到街道（乡镇）。",
            suggestion: Self.maskedAddress(value)
        )
    }

    /// An address kept up to its road or street, the rest starred: 玄武区北京东路41号3栋502室 → 玄武区北京东路****.
    static func maskedAddress(_ address: String) -> String {
        let scalars = Array(address.unicodeScalars)
        let firstDigit = scalars.firstIndex { ("0"..."9").contains($0) } ?? scalars.count
        var keep = 0
        for marks in [["路", "街", "巷", "大道", "道"], ["镇", "乡", "村", "区", "县", "市"]] {
            for index in 0..<firstDigit {
                for mark in marks where mark.unicodeScalars.first == scalars[index] {
                    let markScalars = Array(mark.unicodeScalars)
                    if index + markScalars.count <= firstDigit,
                        Array(scalars[index..<(index + markScalars.count)]) == markScalars
                    {
                        keep = max(keep, index + markScalars.count)
                    }
                }
            }
            if keep > 0 { break }
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[0..<keep])
        return result + "****"
    }

    /// Marks of a person's particulars (身份证, 性别, 出生 …), so that a phone number after them is the person's.
    private mutating func scanPersonMarkers() {
        let markers = Labels.personMarkers.map { Array($0.unicodeScalars) }
        let firsts = markers.compactMap(\.first)
        for index in 0..<text.count where firsts.contains(text[index]) {
            for marker in markers where text.matches(marker, at: index) {
                parties.append((index, true))
            }
        }
    }

    // MARK: E-mail

    private mutating func scanEmails() {
        for at in 0..<text.count where text[at] == "@" {
            var start = at
            while start > 0, Self.isLocalPart(text[start - 1]) { start -= 1 }
            var end = at + 1
            while end < text.count, Self.isDomainPart(text[end]) { end += 1 }
            while end > at + 1, text[end - 1] == "." || text[end - 1] == "-" { end -= 1 }
            guard start < at, end > at + 1 else { continue }
            let local = text.string(start, at)
            let domain = text.string(at + 1, end).lowercased()
            let labels = domain.split(separator: ".")
            guard labels.count >= 2, let last = labels.last, last.count >= 2, last.allSatisfy(\.isLetter) else {
                continue
            }
            if local.unicodeScalars.contains(where: ScreenText.isMask) { continue }
            if domain == "gov.cn" || domain.hasSuffix(".gov.cn") { continue }
            let label = label(before: start)
            if Labels.contains(label, Labels.office) || inOfficeContact(start) { continue }
            add(
                .email,
                start,
                end,
                message: "个人电子邮箱，公开前应遮盖；机关的邮箱请写明「咨询邮箱」「投诉邮箱」等或使用 gov.cn 邮箱。",
                suggestion: String(local.prefix(1)) + "***@" + domain
            )
        }
    }

    static func isLocalPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII
            && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || "._%+-".unicodeScalars.contains(scalar))
    }

    static func isDomainPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII
            && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "." || scalar == "-")
    }

    // MARK: Numbers

    /// One run of letters and digits (masks included), and the groups of digits a phone or card number is printed
    /// in (「138 1234 5678」, 「025-83456789」, 「（025）83456789」).
    private struct Group {
        var start: Int
        var end: Int
        var value: String
    }

    private mutating func scanNumbers() {
        var index = 0
        while index < text.count {
            guard text.isTokenCharacter(index), !text.isTokenCharacter(index - 1) else {
                index += 1
                continue
            }
            let chain = groups(from: index)
            index = chain.last.map(\.end) ?? index + 1
            classify(chain)
        }
    }

    /// The token at `start` and the digit groups joined to it by one space or hyphen (or an area code's bracket).
    private func groups(from start: Int) -> [Group] {
        var chain: [Group] = []
        var cursor = start
        while chain.count < 6 {
            var end = cursor
            while text.isTokenCharacter(end)
                || (end < text.count && text[end] == "." && text.isDigit(end - 1) && text.isDigit(end + 1))
            {
                end += 1
            }
            let group = Group(start: cursor, end: end, value: text.string(cursor, end))
            chain.append(group)
            guard group.value.allSatisfy(\.isASCIIDigit) || group.value == "+86" else { break }
            // A bracketed area code: （025）83456789.
            if end < text.count, text[end] == "）" || text[end] == ")", group.value.hasPrefix("0"),
                cursor > 0, text[cursor - 1] == "（" || text[cursor - 1] == "(", text.isDigit(end + 1)
            {
                cursor = end + 1
                continue
            }
            guard end + 1 < text.count, text[end] == " " || text[end] == "-", text.isDigit(end + 1),
                !text.isTokenCharacter(end - 1) || text.isDigit(end - 1)
            else { break }
            cursor = end + 1
        }
        return chain
    }

    private mutating func classify(_ chain: [Group]) {
        if chain.count > 1 {
            let digits = chain.map(\.value).joined()
            let start = chain[0].start
            let end = chain[chain.count - 1].end
            let plain =
                digits.dropLast().allSatisfy(\.isASCIIDigit)
                && (digits.last?.isASCIIDigit ?? false
                    || (digits.count == 18 && (digits.last == "X" || digits.last == "x")))
            if plain, classifyJoined(chain, digits, start, end) {
                return
            }
        }
        for group in chain { classifySingle(group) }
    }

    /// A number printed in groups: a mobile (138 1234 5678, +86 138…), a landline with its area code (025-83456789,
    /// 0512-6789 1234-801), a card in fours, an identity number in 6-8-4.
    private mutating func classifyJoined(_ chain: [Group], _ digits: String, _ start: Int, _ end: Int) -> Bool {
        var mobileDigits = digits
        if mobileDigits.hasPrefix("+86") {
            mobileDigits.removeFirst(3)
        } else if chain[0].value == "86" {
            mobileDigits.removeFirst(2)
        }
        if mobileDigits.count == 11, Self.isMobile(mobileDigits) {
            let plus = chain[0].value == "86" && start > 0 && text[start - 1] == "+"
            mobile(mobileDigits, plus ? start - 1 : start, end)
            return true
        }
        if chain.count <= 3, Self.isAreaCode(chain[0].value), chain[1].value.count >= 7, chain[1].value.count <= 8,
            let first = chain[1].value.first, first != "0", first != "1",
            chain.count == 2 || chain[2].value.count <= 5
        {
            let bracketed = chain[0].start > 0 && (text[chain[0].start - 1] == "（" || text[chain[0].start - 1] == "(")
            landline(chain[0].value, chain[1].value, bracketed ? start - 1 : start, end)
            return true
        }
        if (16...19).contains(digits.count), chain.dropLast().allSatisfy({ $0.value.count == 4 }) {
            if card(digits, start, end) { return true }
        }
        if digits.count == 18 {
            // An identity number printed 6-8-4 (its last group may end in X).
            if CheckDigits.isResidentID18(digits) {
                identity(digits.uppercased(), start, end, checked: true)
                return true
            }
        }
        return false
    }

    private mutating func classifySingle(_ group: Group) {
        let value = group.value
        let (start, end) = (group.start, group.end)
        let count = end - start
        // Only these lengths can be a number screened for: passports 8–10, landlines 7–12, mobiles 11 and 13,
        // identity numbers 15 and 18, cards 16–19.
        guard count >= 7, count <= 19, count != 14 else { return }
        if value.unicodeScalars.contains(where: { $0 == "." || ScreenText.isMask($0) }) { return }
        if isTaken(start, end) { return }
        let label = label(before: start)
        let upper = value.uppercased()
        if count == 18 {
            if CheckDigits.isResidentID18(upper) {
                identity(upper, start, end, checked: true)
                return
            }
            if CheckDigits.isCreditCode(upper) {
                add(
                    .creditCode,
                    start,
                    end,
                    severity: .notice,
                    message: "统一社会信用代码（校验码正确）：组织的代码，不是个人信息，可以公开。",
                    suggestion: "无需遮盖"
                )
                return
            }
            if Labels.contains(label, Labels.identity), CheckDigits.looksLikeResidentID18(upper) {
                identity(upper, start, end, checked: false)
                return
            }
        }
        guard value.allSatisfy(\.isASCIIDigit) else {
            passport(upper, label, start, end)
            return
        }
        let numbered = Labels.contains(label, Labels.numbering) && !Labels.contains(label, Labels.identity)
        if count == 15, CheckDigits.isResidentID15(value), !numbered {
            identity(value, start, end, checked: true)
            return
        }
        if numbered { return }
        if count == 11, Self.isMobile(value) {
            mobile(value, start, end)
            return
        }
        if count == 13, value.hasPrefix("86"), Self.isMobile(String(value.dropFirst(2))) {
            mobile(String(value.dropFirst(2)), start, end)
            return
        }
        if (16...19).contains(count), card(value, start, end) { return }
        if (10...12).contains(count), value.hasPrefix("0") {
            let areaLength = value.hasPrefix("01") || value.hasPrefix("02") ? 3 : 4
            let area = String(value.prefix(areaLength))
            let number = String(value.dropFirst(areaLength))
            if Self.isAreaCode(area), (7...8).contains(number.count), let first = number.first, first != "0",
                first != "1"
            {
                landline(area, number, start, end)
                return
            }
        }
        if (7...8).contains(count), let first = value.first, first != "0", first != "1",
            Labels.contains(label, Labels.personalPhone)
                || (label.hasSuffix("电话") && inPersonRecord(start) && !Labels.contains(label, Labels.office))
        {
            landline("", value, start, end)
        }
    }

    static func isMobile(_ digits: String) -> Bool {
        let bytes = Array(digits.utf8)
        return bytes.count == 11 && bytes[0] == 0x31 && bytes[1] >= 0x33 && bytes[1] <= 0x39
            && bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// 010, 020–029, or 0 and three digits (0311, 0512 …).
    static func isAreaCode(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), bytes.first == 0x30 else { return false }
        if bytes.count == 3 { return bytes[1] == 0x32 || (bytes[1] == 0x31 && bytes[2] == 0x30) }
        return bytes.count == 4 && bytes[1] >= 0x33
    }

    private mutating func identity(_ value: String, _ start: Int, _ end: Int, checked: Bool) {
        let message: String
        if value.count == 15 {
            message = "15位旧居民身份证号码（地区码和出生日期有效），公开前应遮盖。"
        } else if checked {
            message = "居民身份证号码（出生日期有效，GB 11643 校验码正确），公开前应遮盖。"
        } else {
            message = "标为身份证号码的18位号码（校验码不符，可能抄错），公开前应遮盖。"
        }
        add(.idNumber, start, end, message: message, suggestion: Self.keep(value, first: 4, last: 4))
    }

    private mutating func mobile(_ digits: String, _ start: Int, _ end: Int) {
        let label = label(before: start)
        let personal = Labels.contains(label, Labels.personalPhone)
        if !personal && (Labels.contains(label, Labels.office) || inOfficeContact(start) || officeNamedAfter(end)) {
            return
        }
        if Labels.contains(label, Labels.numbering) { return }
        add(
            .mobile,
            start,
            end,
            message: "手机号码，公开前应遮盖；机关对外公布的号码请在前面写明「咨询电话」「监督电话」等。",
            suggestion: Self.keep(digits, first: 3, last: 4)
        )
    }

    /// A landline is a person's only when labelled so (住宅电话, 手机 …) or printed in a natural person's particulars;
    /// anywhere else it is taken for an office's or a company's published number.
    private mutating func landline(_ area: String, _ number: String, _ start: Int, _ end: Int) {
        let label = label(before: start)
        let personal = Labels.contains(label, Labels.personalPhone)
        if !personal {
            if Labels.contains(label, Labels.office) || Labels.contains(label, Labels.numbering) { return }
            if officeNamedAfter(end) { return }
            guard inPersonRecord(start) else { return }
        }
        let masked =
            (area.isEmpty ? "" : area + "-") + String(repeating: "*", count: max(0, number.count - 2))
            + number.suffix(2)
        add(
            .landline,
            start,
            end,
            message: "当事人信息中的个人固定电话号码，公开前应遮盖。",
            suggestion: masked
        )
    }

    /// A card: 16 to 19 digits passing Luhn, with a card issuer's prefix (62 银联, 4, 51–55, 35, 60) or a card label;
    /// never the collecting office's account.
    private mutating func card(_ digits: String, _ start: Int, _ end: Int) -> Bool {
        guard CheckDigits.passesLuhn(digits) else { return false }
        let label = label(before: start)
        let prefix = Int(digits.prefix(2)) ?? 0
        let issuer = prefix == 62 || prefix / 10 == 4 || (51...55).contains(prefix) || prefix == 35 || prefix == 60
        guard issuer || Labels.contains(label, Labels.card) else { return false }
        if Labels.contains(label, Labels.payee) || Labels.contains(linePrefix(before: start), Labels.payee) {
            return true
        }
        if Labels.contains(label, Labels.numbering) { return true }
        add(
            .bankCard,
            start,
            end,
            message: "银行卡号（Luhn 校验通过），公开前应遮盖，只留末四位。",
            suggestion: String(repeating: "*", count: digits.count - 4) + digits.suffix(4)
        )
        return true
    }

    /// Chinese passports E12345678, EA1234567, G12345678 anywhere; any one or two letters and 7–8 digits after
    /// 护照 or 通行证.
    private mutating func passport(_ value: String, _ label: String, _ start: Int, _ end: Int) {
        let scalars = Array(value.unicodeScalars)
        let letters = scalars.prefix { ("A"..."Z").contains($0) }.count
        let digits = scalars.dropFirst(letters)
        guard (1...2).contains(letters), digits.allSatisfy({ ("0"..."9").contains($0) }) else { return }
        let labelled = Labels.contains(label, Labels.passport)
        let standard =
            (scalars[0] == "E" || scalars[0] == "G") && scalars.count == 9
            && (letters == 1 || (scalars[0] == "E" && scalars[1] != "I" && scalars[1] != "O"))
        guard standard || (labelled && (7...8).contains(digits.count)) else { return }
        add(
            .passport,
            start,
            end,
            message: "护照（通行证）号码，公开前应遮盖。",
            suggestion: Self.keep(value, first: 1, last: 2)
        )
    }

    static func keep(_ value: String, first: Int, last: Int) -> String {
        let count = value.count
        guard count > first + last else { return String(repeating: "*", count: count) }
        return String(value.prefix(first)) + String(repeating: "*", count: count - first - last) + value.suffix(last)
    }

    // MARK: Flats

    /// A flat number after a road and 号 (北京东路41号3栋502室) printed without a label: a home, unless an office's
    /// address label or an office building stands before it.
    private mutating func scanFlats() {
        let road = ["路", "街", "巷", "大道", "道"].map { Array($0.unicodeScalars) }
        for index in 0..<text.count where text[index] == "室" && text.isDigit(index - 1) {
            let lineStart = text.lineStart(of: index)
            var start = index
            while start > lineStart, index - start < 40,
                text.isHan(start - 1) || text.isDigit(start - 1) || text[start - 1] == "-" || text[start - 1] == "#"
            {
                start -= 1
            }
            guard
                let roadAt = road.compactMap({ word in
                    (start..<index).first { text.matches(word, at: $0) }
                }).min(),
                (roadAt..<index).contains(where: { text[$0] == "号" && text.isDigit($0 - 1) })
            else { continue }
            // The address starts after the words that introduce it (住在, 家住, 位于 …), at most fourteen characters
            // before its road.
            start = max(start, roadAt - 14)
            for cursor in stride(from: roadAt - 1, through: start, by: -1)
            where "在于住的是为".unicodeScalars.contains(text[cursor]) {
                start = cursor + 1
                break
            }
            let value = text.string(start, index + 1)
            if Labels.contains(value, ["大厦", "大楼", "中心", "政府", "局", "办公", "机关", "广场", "写字楼", "商务", "公司", "委员会"]) {
                continue
            }
            let label = label(before: start)
            if Labels.contains(label, Labels.officeAddress) || inOrganisationRecord(start) { continue }
            if isTaken(start, index + 1) { continue }
            add(
                .address,
                start,
                index + 1,
                message: "带门牌和室号的详细住址，公开时只保留到街道（乡镇）。",
                suggestion: Self.maskedAddress(value)
            )
        }
    }
}

extension Character {
    var isASCIIDigit: Bool {
        guard let value = asciiValue else { return false }
        return value >= 0x30 && value <= 0x39
    }
}
