/// Reads the package relationships (`_rels/.rels`) for the main document part's name.
final class RelationshipsPartReader: XMLEventHandler {
    private(set) var mainDocument: String?

    func start(_ name: XMLName, attributes: XMLAttributes) {
        guard name.local == "Relationship", mainDocument == nil,
            attributes.value("Type")?.hasSuffix("/officeDocument") == true,
            let target = attributes.value("Target")
        else { return }
        mainDocument = target.hasPrefix("/") ? String(target.dropFirst()) : target
    }

    func end(_ name: XMLName) {}

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
}
