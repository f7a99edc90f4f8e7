import CLibXML2

/// A page parsed by libxml2's HTML parser, which recovers from broken and cut-off markup. The text handed to it is
/// always UTF-8 and the page's own `<meta charset>` is ignored, so a wrong declaration cannot garble the text.
final class HTMLTree {
    private let document: htmlDocPtr

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses UTF-8 text; nil when libxml2 cannot build a tree at all.
    init?(utf8 text: String) {
        _ = Self.initialized
        let bytes = Self.withoutWordMarkers(Array(text.utf8))
        guard bytes.count < Int(Int32.max) else { return nil }
        let options =
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_HUGE.rawValue
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", Int32(bitPattern: options))
            }
        }
        guard let parsed else { return nil }
        document = parsed
    }

    deinit {
        xmlFreeDoc(document)
    }

    var root: HTMLNode? { HTMLNode(xmlDocGetRootElement(document)) }

    /// The `<body>` element, or the root when there is none.
    var body: HTMLNode? {
        guard let root else { return nil }
        return root.elementChildren.first { $0.name == "body" } ?? root
    }

    /// The text of `<head><title>`.
    var headTitle: String? {
        guard let head = root?.elementChildren.first(where: { $0.name == "head" }),
            let title = head.elementChildren.first(where: { $0.name == "title" })
        else { return nil }
        let text = HTMLFlattener.text(of: title)
        return text.isEmpty ? nil : text
    }

    /// Removes Word's downlevel conditional markers (`<![if !supportLists]>`, `<![endif]>`), which libxml2 would keep
    /// as text, and Word's empty `<o:p>` tags, which it would read as nested paragraphs. The content between them
    /// stays: browsers show it.
    static func withoutWordMarkers(_ bytes: [UInt8]) -> [UInt8] {
        let open = UInt8(ascii: "<")
        guard bytes.contains(open) else { return bytes }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == open, index + 2 < count {
                if let end = markerEnd(bytes, at: index) {
                    index = end
                    continue
                }
            }
            result.append(byte)
            index += 1
        }
        return result
    }

    /// The index after a marker starting at `index`, or nil when none starts there.
    private static func markerEnd(_ bytes: [UInt8], at index: Int) -> Int? {
        let next = bytes[index + 1]
        if next == UInt8(ascii: "!"), bytes[index + 2] == UInt8(ascii: "[") {
            // `<![if …]>` or `<![endif]>`, but not `<![CDATA[`.
            let word = bytes[(index + 3)..<min(bytes.count, index + 8)].map { $0 | 0x20 }
            guard word.starts(with: Array("if".utf8)) || word.starts(with: Array("endif".utf8)) else { return nil }
            var position = index + 3
            let limit = min(bytes.count, index + 512)
            while position + 1 < limit {
                if bytes[position] == UInt8(ascii: "]"), bytes[position + 1] == UInt8(ascii: ">") {
                    return position + 2
                }
                position += 1
            }
            return nil
        }
        // `<o:p>` and `</o:p>`.
        var position = index + 1
        if bytes[position] == UInt8(ascii: "/") { position += 1 }
        guard position + 3 < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "o"),
            bytes[position + 1] == UInt8(ascii: ":"), bytes[position + 2] | 0x20 == UInt8(ascii: "p")
        else { return nil }
        position += 3
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
        guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else { return nil }
        return position + 1
    }
}
