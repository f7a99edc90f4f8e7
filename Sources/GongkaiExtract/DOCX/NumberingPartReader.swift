/// Reads `word/numbering.xml` into ``WordNumbering``.
final class NumberingPartReader: XMLEventHandler {
    private(set) var numbering = WordNumbering()
    private var abstractID: String?
    private var numID: String?
    private var overrideLevel: Int?
    private var level: Int?
    private var definition = WordNumbering.Level()

    func start(_ name: XMLName, attributes: XMLAttributes) {
        guard name.namespace == .word else { return }
        switch name.local {
        case "abstractNum":
            abstractID = attributes.value("abstractNumId")
        case "num":
            numID = attributes.value("numId")
            if let numID { numbering.lists[numID] = WordNumbering.List(abstractID: "") }
        case "abstractNumId":
            if let numID, let value = attributes.value("val") { numbering.lists[numID]?.abstractID = value }
        case "lvlOverride":
            overrideLevel = attributes.value("ilvl").flatMap { Int($0) }
        case "startOverride":
            if let numID, let overrideLevel, let value = attributes.value("val").flatMap({ Int($0) }) {
                numbering.lists[numID]?.startOverrides[overrideLevel] = value
            }
        case "lvl":
            level = attributes.value("ilvl").flatMap { Int($0) } ?? overrideLevel ?? 0
            definition = WordNumbering.Level()
        case "start":
            if level != nil, let value = attributes.value("val").flatMap({ Int($0) }) { definition.start = value }
        case "numFmt":
            if level != nil, let value = attributes.value("val") { definition.format = value }
        case "lvlText":
            if level != nil { definition.text = attributes.value("val") ?? "" }
        case "suff":
            if level != nil, let value = attributes.value("val") { definition.suffix = value }
        case "isLgl":
            if level != nil { definition.isLegal = attributes.value("val").map(WordAttribute.isOn) ?? true }
        default:
            break
        }
    }

    func end(_ name: XMLName) {
        guard name.namespace == .word else { return }
        switch name.local {
        case "lvl":
            guard let level else { return }
            if let numID, overrideLevel != nil {
                numbering.lists[numID]?.levelOverrides[level] = definition
            } else if let abstractID {
                numbering.abstracts[abstractID, default: [:]][level] = definition
            }
            self.level = nil
        case "lvlOverride": overrideLevel = nil
        case "abstractNum": abstractID = nil
        case "num": numID = nil
        default: break
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
}
