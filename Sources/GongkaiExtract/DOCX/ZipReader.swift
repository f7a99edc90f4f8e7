import Foundation
import ZIPFoundation

/// Reads the central directory of a zip held in memory and inflates single entries within a size limit.
///
/// The directory is read here, with every offset checked against the file, and entries are inflated with
/// ZIPFoundation's `Data.decompress` fed from a provider that ends at the entry's compressed size: a stream that does
/// not end there, an entry that inflates past its limit, a wrong size or checksum each stop with an error. (Going
/// through `Archive.extract` would read on to the end of the file and loop forever on a deflate stream that never
/// ends; and its inflater reads a full buffer from every chunk, so chunks are given whole or padded to full size.)
struct ZipReader {
    struct Entry: Sendable, Hashable {
        var path: String
        var method: UInt16
        var flags: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
        /// The name's bytes as stored: UTF-8 when flag bit 11 is set, else often GBK in zips made on Chinese Windows.
        var nameBytes: [UInt8] = []
    }

    /// What went wrong, turned into an ``ExtractError`` by the caller that knows which part was read.
    enum Failure: Error, Equatable {
        case corrupt(String)
        case tooManyEntries(Int)
        case entryTooLarge(String)
        case totalTooLarge
        case encrypted
        /// The consumer of inflated bytes stopped the reading.
        case stopped
    }

    /// Compressed entries up to this size are inflated from one chunk.
    static let singleChunkSize = 8 << 20

    let data: Data
    let entries: [Entry]
    private let byLowercasedPath: [String: Int]

    init(_ data: Data, maxEntries: Int) throws(Failure) {
        self.data = data
        let bytes = [UInt8](data)
        guard let end = Self.endOfCentralDirectory(bytes) else {
            throw .corrupt("找不到压缩包的目录，文件可能不完整")
        }
        let count = Int(Self.u16(bytes, end + 10))
        let size = Int(Self.u32(bytes, end + 12))
        let offset = Int(Self.u32(bytes, end + 16))
        if count == 0xFFFF || offset == 0xFFFF_FFFF { throw .corrupt("ZIP64 格式的压缩包不是 Word 文件常用的格式") }
        if count > maxEntries { throw .tooManyEntries(count) }
        guard offset + size <= end else { throw .corrupt("压缩包的目录位置超出文件范围，文件可能不完整") }
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        var position = offset
        for _ in 0..<count {
            guard position + 46 <= end, Self.u32(bytes, position) == 0x0201_4B50 else {
                throw .corrupt("压缩包目录的第 \(entries.count + 1) 项已损坏")
            }
            let nameLength = Int(Self.u16(bytes, position + 28))
            let extraLength = Int(Self.u16(bytes, position + 30))
            let commentLength = Int(Self.u16(bytes, position + 32))
            guard position + 46 + nameLength <= end else { throw .corrupt("压缩包目录的条目名称超出文件范围") }
            let name = String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            entries.append(
                Entry(
                    path: name,
                    method: Self.u16(bytes, position + 10),
                    flags: Self.u16(bytes, position + 8),
                    crc32: Self.u32(bytes, position + 16),
                    compressedSize: Int(Self.u32(bytes, position + 20)),
                    uncompressedSize: Int(Self.u32(bytes, position + 24)),
                    localHeaderOffset: Int(Self.u32(bytes, position + 42)),
                    nameBytes: Array(bytes[(position + 46)..<(position + 46 + nameLength)])
                )
            )
            position += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
        var index: [String: Int] = [:]
        for (number, entry) in entries.enumerated() where index[entry.path.lowercased()] == nil {
            index[entry.path.lowercased()] = number
        }
        byLowercasedPath = index
    }

    /// The entry at `path`; part names of a Word package compare without regard to ASCII case.
    func entry(_ path: String) -> Entry? {
        byLowercasedPath[path.lowercased()].map { entries[$0] }
    }

    /// Inflates `entry`, handing the bytes to `consumer` chunk by chunk, and stops with `.entryTooLarge` as soon as more
    /// than `limit` bytes have come out, whatever the headers say. The consumer stops the reading by throwing
    /// `Failure.stopped`.
    func read(_ entry: Entry, limit: Int, consumer: (Data) throws -> Void) throws(Failure) {
        if entry.flags & 1 != 0 { throw .encrypted }
        if entry.uncompressedSize > limit { throw .entryTooLarge(entry.path) }
        let start = try dataStart(entry)
        guard start + entry.compressedSize <= data.count else {
            throw .corrupt("\(entry.path) 的数据超出文件范围，文件可能不完整")
        }
        let base = data.startIndex + start
        var produced = 0
        var failure: Failure?
        let checksum: UInt32
        do {
            switch entry.method {
            case 0:
                guard entry.compressedSize <= limit else { throw Failure.entryTooLarge(entry.path) }
                let chunk = data.subdata(in: base..<(base + entry.compressedSize))
                produced = chunk.count
                try consumer(chunk)
                checksum = chunk.crc32(checksum: 0)
            case 8:
                // The whole compressed entry as one chunk when it is not large (every real document part), so that
                // zlib never needs padding and a stream that has not ended asks for more and is refused.
                let bufferSize = entry.compressedSize <= Self.singleChunkSize ? max(1, entry.compressedSize) : 1 << 16
                checksum = try Data.decompress(
                    size: Int64(entry.compressedSize),
                    bufferSize: bufferSize,
                    skipCRC32: false,
                    provider: { position, chunkSize in
                        let offset = Int(position)
                        guard offset < entry.compressedSize else {
                            throw Failure.corrupt("\(entry.path) 的压缩数据不完整")
                        }
                        let stop = min(entry.compressedSize, offset + chunkSize)
                        var chunk = data.subdata(in: (base + offset)..<(base + stop))
                        // ZIPFoundation hands zlib `chunkSize` bytes whatever the chunk holds: a short last chunk is
                        // padded, so that a stream cut short meets zeros rather than memory past the chunk.
                        if chunk.count < chunkSize { chunk.append(Data(count: chunkSize - chunk.count)) }
                        return chunk
                    },
                    consumer: { chunk in
                        produced += chunk.count
                        if produced > limit { throw Failure.entryTooLarge(entry.path) }
                        try consumer(chunk)
                    }
                )
            default:
                throw Failure.corrupt("\(entry.path) 使用了不支持的压缩方式（\(entry.method)）")
            }
        } catch let error as Failure {
            failure = error
            checksum = 0
        } catch {
            failure = .corrupt("\(entry.path) 的压缩数据已损坏")
            checksum = 0
        }
        if let failure { throw failure }
        if produced != entry.uncompressedSize {
            throw .corrupt("\(entry.path) 解压后的大小与目录记录不符")
        }
        if checksum != entry.crc32 { throw .corrupt("\(entry.path) 的校验和不符") }
    }

    /// Where the entry's data begins, after its local header.
    private func dataStart(_ entry: Entry) throws(Failure) -> Int {
        let offset = entry.localHeaderOffset
        guard offset >= 0, offset + 30 <= data.count else { throw .corrupt("\(entry.path) 的位置超出文件范围") }
        let header = [UInt8](data[(data.startIndex + offset)..<(data.startIndex + offset + 30)])
        guard Self.u32(header, 0) == 0x0403_4B50 else { throw .corrupt("\(entry.path) 的文件头已损坏") }
        return offset + 30 + Int(Self.u16(header, 26)) + Int(Self.u16(header, 28))
    }

    /// The offset of the end-of-central-directory record, searched from the end over the longest possible comment.
    private static func endOfCentralDirectory(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var position = bytes.count - 22
        while position >= lowest {
            if bytes[position] == 0x50, u32(bytes, position) == 0x0605_4B50,
                position + 22 + Int(u16(bytes, position + 20)) <= bytes.count
            {
                return position
            }
            position -= 1
        }
        return nil
    }

    private static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    private static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}
