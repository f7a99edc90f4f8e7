import Foundation

/// A zip of stored (uncompressed) entries with their checksums, written in memory: Word parts made by the DOCX fuzz
/// target from the XML it mutates.
enum StoredZip {
    /// The parts of `bytes` between NUL bytes (which XML never holds) as `word/document.xml`, `word/numbering.xml`
    /// and `word/styles.xml`, in that order; an empty part after the first is no part.
    static func word(parts bytes: Data) -> Data {
        let names = ["word/document.xml", "word/numbering.xml", "word/styles.xml"]
        let parts = bytes.split(separator: 0, maxSplits: names.count - 1, omittingEmptySubsequences: false)
        let entries = zip(names, parts).enumerated().compactMap { index, entry in
            index == 0 || !entry.1.isEmpty ? (path: entry.0, data: Data(entry.1)) : nil
        }
        return archive(entries)
    }

    static func archive(_ entries: [(path: String, data: Data)]) -> Data {
        archive(names: entries.map { (name: Data($0.path.utf8), data: $0.data) })
    }

    /// Entries named by their bytes as stored, without the flag that says they are UTF-8 (as on Chinese Windows,
    /// where they are GBK).
    static func archive(names entries: [(name: Data, data: Data)]) -> Data {
        var output = Data()
        var directory = Data()
        for entry in entries {
            let name = entry.name
            let checksum = crc32(entry.data)
            let offset = output.count
            output.append(le32(0x0403_4B50))
            output.append(le16(20))  // version needed
            output.append(le16(0))  // flags
            output.append(le16(0))  // method: stored
            output.append(le16(0))  // time
            output.append(le16(0x21))  // date: 1980-01-01
            output.append(le32(checksum))
            output.append(le32(UInt32(entry.data.count)))
            output.append(le32(UInt32(entry.data.count)))
            output.append(le16(UInt16(name.count)))
            output.append(le16(0))  // extra field length
            output.append(name)
            output.append(entry.data)

            directory.append(le32(0x0201_4B50))
            directory.append(le16(20))  // version made by
            directory.append(le16(20))  // version needed
            directory.append(le16(0))
            directory.append(le16(0))
            directory.append(le16(0))
            directory.append(le16(0x21))
            directory.append(le32(checksum))
            directory.append(le32(UInt32(entry.data.count)))
            directory.append(le32(UInt32(entry.data.count)))
            directory.append(le16(UInt16(name.count)))
            directory.append(le16(0))  // extra field length
            directory.append(le16(0))  // comment length
            directory.append(le16(0))  // disk
            directory.append(le16(0))  // internal attributes
            directory.append(le32(0))  // external attributes
            directory.append(le32(UInt32(offset)))
            directory.append(name)
        }
        let directoryOffset = output.count
        output.append(directory)
        output.append(le32(0x0605_4B50))
        output.append(le16(0))
        output.append(le16(0))
        output.append(le16(UInt16(entries.count)))
        output.append(le16(UInt16(entries.count)))
        output.append(le32(UInt32(directory.count)))
        output.append(le32(UInt32(directoryOffset)))
        output.append(le16(0))  // comment length
        return output
    }

    /// CRC-32 (ISO-HDLC), as zip records it.
    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return crc ^ 0xFFFF_FFFF
    }

    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    private static func le16(_ value: UInt16) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
    private static func le32(_ value: UInt32) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
}
