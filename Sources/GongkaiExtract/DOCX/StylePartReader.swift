/// Reads the numbering of paragraph styles from `word/styles.xml` into ``WordStyles``.
final class StylePartReader: XMLEventHandler {
    private(set) var styles = WordStyles()
    private var styleID: String?
    private var style = WordStyles.Style()
    private var inParagraphProperties = false

    func start(_ name: XMLName, attributes: XMLAttributes) {
        guard name.namespace == .word else { return }
        switch name.local {
        case "style":
            styleID = attributes.value("type") == "paragraph" ? attributes.value("styleId") : nil
            style = WordStyles.Style()
        case "basedOn":
            if styleID != nil { style.basedOn = attributes.value("val") }
        case "pPr":
            inParagraphProperties = styleID != nil
        case "numId":
            if inParagraphProperties { style.numID = attributes.value("val") }
        case "ilvl":
            if inParagraphProperties { style.level = attributes.value("val").flatMap { Int($0) } }
        default:
            break
        }
    }

    func end(_ name: XMLName) {
        guard name.namespace == .word else { return }
        switch name.local {
        case "style":
            if let styleID { styles.styles[styleID] = style }
            styleID = nil
        case "pPr": inParagraphProperties = false
        default: break
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
}
