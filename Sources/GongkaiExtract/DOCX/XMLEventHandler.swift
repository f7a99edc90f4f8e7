/// Receives the events of ``XMLStreamParser``: elements of the WordprocessingML and markup-compatibility namespaces by
/// local name, every other element as `.other`, and character data as UTF-8 bytes.
protocol XMLEventHandler: AnyObject {
    func start(_ name: XMLName, attributes: XMLAttributes)
    func end(_ name: XMLName)
    func characters(_ bytes: UnsafeBufferPointer<UInt8>)
}
