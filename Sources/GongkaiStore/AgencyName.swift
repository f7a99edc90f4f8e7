import Foundation

/// An agency's name as printed in a report title, normalised so that the variants real reports print for the same
/// body compare equal: full-width and half-width characters, spaces, 「人民政府」 for 「政府」, a region prefix present
/// or not (「包头市青山区司法局」, 「青山区司法局」).
///
/// The name is split into region segments (「包头市」「青山区」, each ending in 省, 市, 区, 县, 州, 旗 or 盟) and a core
/// (「司法局」). Two names can name the same agency when their cores are equal and one's segments end the other's.
public struct AgencyName: Hashable, Sendable {
    /// The whole name, normalised.
    public let normalized: String
    /// The region segments before the core, outermost first.
    public let segments: [String]
    /// The name without its region prefix.
    public let core: String

    public init(_ printed: String) {
        let normalized = Self.normalize(printed)
        self.normalized = normalized
        var segments: [String] = []
        var rest = Substring(normalized)
        while let segment = Self.leadingSegment(rest) {
            segments.append(String(segment))
            rest = rest.dropFirst(segment.count)
        }
        if rest.isEmpty, let last = segments.popLast() {
            // A name that is only a region (「青山区」) is its own core.
            rest = Substring(last)
        }
        self.segments = segments
        self.core = String(rest)
    }

    /// The innermost region segment with the core: the key under which candidates for the same agency are looked up.
    public var key: String { (segments.last ?? "") + core }

    /// Whether two names can name the same agency: equal cores, and one's region segments end the other's.
    public func isCompatible(with other: AgencyName) -> Bool {
        guard core == other.core else { return false }
        let (short, long) =
            segments.count <= other.segments.count ? (segments, other.segments) : (other.segments, segments)
        return long.suffix(short.count).elementsEqual(short)
    }

    /// Full-width ASCII to half-width, spaces and zero-width characters removed, 「人民政府」 as 「政府」, ASCII
    /// letters in lower case.
    public static func normalize(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            var value = scalar.value
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
            if value == 0x3000 || value == 0x200B || value == 0x200C || value == 0x200D || value == 0xFEFF
                || value == 0xA0
            {
                continue
            }
            guard var mapped = Unicode.Scalar(value) else { continue }
            if mapped.properties.isWhitespace { continue }
            if (0x41...0x5A).contains(value), let lower = Unicode.Scalar(value + 0x20) { mapped = lower }
            scalars.append(mapped)
        }
        return String(scalars).replacingAll("人民政府", with: "政府")
    }

    static let segmentEnds: Set<Character> = ["省", "市", "区", "县", "州", "旗", "盟"]
    /// Words that end like a region but are part of a department's name (「城市管理局」).
    static let notRegions: Set<String> = [
        "城市", "都市", "城区", "市区", "社区", "园区", "景区", "街区", "矿区", "林区", "牧区", "灾区", "老区", "辖区",
        "特区", "山区", "郊区", "城乡",
    ]

    /// Characters that only a department's name holds: a run reaching one before a region ending is the core.
    static let departmentCharacters = Set("局委厅办院会部署所站处队政府中心")

    /// The shortest run of two to twelve characters at the start that ends a region name, if any.
    static func leadingSegment(_ text: Substring) -> Substring? {
        var length = 0
        for character in text {
            length += 1
            if length > 12 { return nil }
            if length > 1, segmentEnds.contains(character) {
                // 「漳州市」「贵州省」: 州 is part of the place name when 市 or 省 follows (not after 自治州).
                var end = length
                if character == "州", end < text.count, !text.prefix(end).hasSuffix("自治州"),
                    ["市", "省"].contains(text[text.index(text.startIndex, offsetBy: end)])
                {
                    end += 1
                }
                let candidate = text.prefix(end)
                return notRegions.contains(String(candidate)) ? nil : candidate
            }
            if departmentCharacters.contains(character) { return nil }
        }
        return nil
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }
}

/// The checks both backends make before creating an agency.
enum AgencyRules {
    /// Throws unless `name` can name a new agency: not blank, no control characters.
    static func checkNewName(_ name: String) throws(StoreError) {
        guard !name.allSatisfy(\.isWhitespace),
            !name.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        else { throw .agencyNameInvalid(name) }
    }
}
