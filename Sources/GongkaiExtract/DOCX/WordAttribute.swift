/// How WordprocessingML spells attribute values.
enum WordAttribute {
    /// An on/off property (`w:b`, `w:vanish`, `w:isLgl`): on unless its value says off.
    static func isOn(_ value: String) -> Bool {
        !["0", "false", "off"].contains(value)
    }
}
