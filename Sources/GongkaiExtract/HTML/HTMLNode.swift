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

    /// The element's name, lowercased (libxml2 drops a namespace prefix: `o:p` is `p`).
    var name: String {
        guard let name = pointer.pointee.name else { return "" }
        return String(cString: name).lowercased()
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
        guard let style = attribute("style") else { return false }
        let compact = String(style.lowercased().unicodeScalars.filter { $0 != " " && $0 != "\t" && $0 != "\n" })
        return compact.contains("display:none") || compact.contains("visibility:hidden")
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
