import CLibXML2

/// The attributes of one start tag as libxml2's SAX2 parser hands them over (five pointers each: local name, prefix,
/// URI, value start, value end); valid only during the `start` event.
struct XMLAttributes {
    let pointer: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    /// The value of the attribute with this local name, whatever its prefix.
    func value(_ local: String) -> String? {
        guard let pointer else { return nil }
        for index in 0..<count {
            let base = index * 5
            guard let name = pointer[base], let start = pointer[base + 3], let end = pointer[base + 4] else {
                continue
            }
            if equals(name, local) {
                let length = end - start
                return String(decoding: UnsafeBufferPointer(start: start, count: max(0, length)), as: UTF8.self)
            }
        }
        return nil
    }

    private func equals(_ name: UnsafePointer<xmlChar>, _ local: String) -> Bool {
        var index = 0
        for byte in local.utf8 {
            if name[index] != byte { return false }
            index += 1
        }
        return name[index] == 0
    }
}
