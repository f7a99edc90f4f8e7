import CLibXML2
import Foundation

/// libxml2's SAX2 push parser: XML is fed in chunks as it is inflated, so a part is never held whole, and events go to
/// an ``XMLEventHandler``. Depth is counted and the parse stops past the limit; no network, no external entities.
final class XMLStreamParser {
    enum Failure: Error, Equatable {
        case tooDeep
        case malformed(line: Int, message: String)
    }

    private let handler: any XMLEventHandler
    private let maxDepth: Int
    private var context: xmlParserCtxtPtr?
    private var sax = xmlSAXHandler()
    private var depth = 0
    private var failure: Failure?
    /// libxml2 keeps one copy of each namespace URI, so the last one seen is remembered by address.
    private var lastURI: UnsafePointer<xmlChar>?
    private var lastNamespace = XMLName.Namespace.other

    init(handler: any XMLEventHandler, maxDepth: Int) {
        self.handler = handler
        self.maxDepth = maxDepth
        sax.initialized = UInt32(truncatingIfNeeded: XML_SAX2_MAGIC)
        sax.startElementNs = { user, local, _, uri, _, _, attributeCount, _, attributes in
            guard let user, let local else { return }
            let parser = Unmanaged<XMLStreamParser>.fromOpaque(user).takeUnretainedValue()
            parser.start(local: local, uri: uri, attributes: attributes, count: Int(attributeCount))
        }
        sax.endElementNs = { user, local, _, uri in
            guard let user, let local else { return }
            let parser = Unmanaged<XMLStreamParser>.fromOpaque(user).takeUnretainedValue()
            parser.end(local: local, uri: uri)
        }
        sax.characters = { user, bytes, length in
            guard let user, let bytes, length > 0 else { return }
            let parser = Unmanaged<XMLStreamParser>.fromOpaque(user).takeUnretainedValue()
            parser.handler.characters(UnsafeBufferPointer(start: bytes, count: Int(length)))
        }
        // Messages are read from the context afterwards; nothing is printed.
        sax.serror = { _, _ in }
        let user = Unmanaged.passUnretained(self).toOpaque()
        context = xmlCreatePushParserCtxt(&sax, user, nil, 0, nil)
        if let context {
            xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
        }
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
    }

    /// Parses the next chunk.
    func feed(_ chunk: Data) throws(Failure) {
        guard let context else { throw .malformed(line: 0, message: "无法创建 XML 解析器") }
        if chunk.isEmpty { return }
        chunk.withUnsafeBytes { buffer in
            _ = xmlParseChunk(context, buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count), 0)
        }
        try check()
    }

    /// Ends the document: an unclosed element or missing root is an error here.
    func finish() throws(Failure) {
        guard let context else { throw .malformed(line: 0, message: "无法创建 XML 解析器") }
        xmlParseChunk(context, nil, 0, 1)
        try check()
    }

    private func check() throws(Failure) {
        if let failure { throw failure }
        guard let context else { return }
        if context.pointee.wellFormed == 0 {
            var line = 0
            var message = "格式错误"
            if let error = xmlCtxtGetLastError(context) {
                line = Int(error.pointee.line)
                if let text = error.pointee.message {
                    message = String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
            let failure = Failure.malformed(line: line, message: message)
            self.failure = failure
            throw failure
        }
    }

    private func start(
        local: UnsafePointer<xmlChar>,
        uri: UnsafePointer<xmlChar>?,
        attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        count: Int
    ) {
        depth += 1
        if depth > maxDepth {
            failure = .tooDeep
            if let context { xmlStopParser(context) }
            return
        }
        handler.start(name(local: local, uri: uri), attributes: XMLAttributes(pointer: attributes, count: count))
    }

    private func end(local: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?) {
        depth -= 1
        handler.end(name(local: local, uri: uri))
    }

    private func name(local: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?) -> XMLName {
        guard let uri else { return XMLName(.other, String(cString: local)) }
        if uri != lastURI {
            lastURI = uri
            lastNamespace = XMLName.namespace(uri: String(cString: uri))
        }
        return XMLName(lastNamespace, String(cString: local))
    }
}
