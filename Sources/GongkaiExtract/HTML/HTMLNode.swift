import CLibXML2

/// A node of a parsed HTML tree, borrowed from the ``HTMLTree`` that owns it.
struct HTMLNode: Hashable {
    let pointer: xmlNodePtr

    init(_ pointer: xmlNodePtr) {
        self.pointer = pointer
    }

    init?(_ pointer: xmlNodePtr?) {
        guard let pointer else { return nil }
        self.pointer = pointer
    }

    var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }

    var isText: Bool {
        pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE
    }

    /// The element's name, which libxml2's HTML parser lowercases (and of which it drops a namespace prefix: `o:p`
    /// is `p`).
    var name: String {
        guard let name = pointer.pointee.name else { return "" }
        return String(cString: name)
    }

    var tag: HTMLTag { isElement ? HTMLTag(name) : .other }

    var firstChild: HTMLNode? { HTMLNode(pointer.pointee.children) }
    var nextSibling: HTMLNode? { HTMLNode(pointer.pointee.next) }
    var parent: HTMLNode? {
        guard let parent = pointer.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return HTMLNode(parent)
    }

    /// The child nodes, in document order.
    var children: [HTMLNode] {
        var result: [HTMLNode] = []
        var child = firstChild
        while let node = child {
            result.append(node)
            child = node.nextSibling
        }
        return result
    }

    /// The element children, in document order.
    var elementChildren: [HTMLNode] { children.filter(\.isElement) }

    /// A text node's text.
    var text: String {
        guard let content = pointer.pointee.content else { return "" }
        return String(cString: content)
    }

    func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(pointer, name) else { return nil }
        defer { gongkai_xmlFree(value) }
        return String(cString: value)
    }

    /// Hidden by an inline style (`display:none`, `visibility:hidden`) or the `hidden` attribute.
    var isHidden: Bool {
        if xmlHasProp(pointer, "hidden") != nil { return true }
        guard let style = xmlGetProp(pointer, "style") else { return false }
        defer { gongkai_xmlFree(style) }
        // The style's bytes, lowercased, without white space.
        var compact: [UInt8] = []
        var index = 0
        while style[index] != 0 {
            let byte = style[index]
            if byte != 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D {
                compact.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
            }
            index += 1
        }
        return Self.hiddenStyles.contains { Self.find($0, in: compact) }
    }

    private static let hiddenStyles = [Array("display:none".utf8), Array("visibility:hidden".utf8)]

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count)
        where haystack[start] == needle[0] && haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }

    /// The ancestors from this node's parent up to the root element.
    var ancestors: [HTMLNode] {
        var result: [HTMLNode] = []
        var current = parent
        while let node = current {
            result.append(node)
            current = node.parent
        }
        return result
    }
}
