/// An element's name as the Word readers compare it: its namespace by kind and its local name.
struct XMLName: Hashable, Sendable {
    enum Namespace: Hashable, Sendable {
        /// WordprocessingML (`w:`), transitional or strict.
        case word
        /// Markup compatibility (`mc:AlternateContent`, `mc:Choice`, `mc:Fallback`).
        case compatibility
        /// Package relationships (`_rels/.rels`).
        case relationships
        case other
    }

    var namespace: Namespace
    var local: String

    init(_ namespace: Namespace, _ local: String) {
        self.namespace = namespace
        self.local = local
    }

    static func word(_ local: String) -> XMLName { XMLName(.word, local) }

    static func namespace(uri: String) -> Namespace {
        switch uri {
        case "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            "http://purl.oclc.org/ooxml/wordprocessingml/main":
            .word
        case "http://schemas.openxmlformats.org/markup-compatibility/2006": .compatibility
        case "http://schemas.openxmlformats.org/package/2006/relationships": .relationships
        default: .other
        }
    }
}
