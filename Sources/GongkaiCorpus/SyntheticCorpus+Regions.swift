public import GongkaiStore

extension SyntheticCorpus {
    /// A region tree for agencies named as the generator names them: each agency's city and district as regions
    /// (「淮安市清河县司法局」: 淮安市 `R1`, 清河县 `R1-1`, numbered in the order they first appear), and the agency
    /// under its district as `<district>-A<key>`. Agencies whose name gives no city and district are left out.
    public static func regionRows(_ agencies: [(key: Int, name: String)]) -> [RegionRow] {
        var rows: [RegionRow] = []
        var codes: [String: String] = [:]
        var children: [String: Int] = [:]
        func region(_ name: String, parent: String?) -> String {
            let key = (parent ?? "") + "/" + name
            if let code = codes[key] { return code }
            let number = children[parent ?? "", default: 0] + 1
            children[parent ?? ""] = number
            let code = parent.map { "\($0)-\(number)" } ?? "R\(number)"
            codes[key] = code
            rows.append(RegionRow(code: code, name: name, parent: parent, level: String(name.suffix(1))))
            return code
        }
        for agency in agencies {
            let segments = AgencyName(agency.name).segments
            guard let city = segments.first, let district = segments.dropFirst().first else { continue }
            let districtCode = region(district, parent: region(city, parent: nil))
            rows.append(
                RegionRow(
                    code: "\(districtCode)-A\(agency.key)",
                    name: agency.name,
                    parent: districtCode,
                    level: "agency"
                )
            )
        }
        return rows
    }
}
