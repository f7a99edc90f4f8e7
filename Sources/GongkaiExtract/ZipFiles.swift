public import Foundation

/// The files of a zip archive uploaded by a user, taken out within limits, so that an archive made to exhaust memory
/// or disk (a zip bomb) is refused before it does: at most ``Limits/maxEntries`` entries, each inflating to at most
/// ``Limits/maxEntrySize`` bytes and to at most ``Limits/maxRatio`` times its compressed size, all of them together
/// to at most ``Limits/maxTotalSize`` bytes — counted while inflating, whatever the archive's headers claim.
public enum ZipFiles {
    public struct Limits: Sendable, Hashable {
        public var maxEntries: Int
        public var maxEntrySize: Int
        public var maxTotalSize: Int
        public var maxRatio: Int

        public init(maxEntries: Int, maxEntrySize: Int, maxTotalSize: Int, maxRatio: Int) {
            self.maxEntries = maxEntries
            self.maxEntrySize = maxEntrySize
            self.maxTotalSize = maxTotalSize
            self.maxRatio = maxRatio
        }

        /// 1,000 files, each at most the readers' 32 MB, 256 MB in all, none inflating to more than 200 times its
        /// compressed size (text reports compress about 5 to 20 times).
        public static let standard = Limits(
            maxEntries: 1000,
            maxEntrySize: TextExtractor.defaultSizeLimit,
            maxTotalSize: 256 << 20,
            maxRatio: 200
        )
    }

    /// One file of the archive: its path inside it and its bytes.
    public struct File: Sendable, Hashable {
        public var path: String
        public var bytes: Data

        public init(path: String, bytes: Data) {
            self.path = path
            self.bytes = bytes
        }
    }

    /// Why an archive was refused, as a sentence a clerk understands.
    public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The archive's files, folders and the hidden files of other systems (`__MACOSX/`, `.DS_Store`) left out.
    public static func files(in data: Data, limits: Limits = .standard) throws(Refusal) -> [File] {
        let reader: ZipReader
        do {
            reader = try ZipReader(data, maxEntries: limits.maxEntries)
        } catch {
            throw refusal(error, limits: limits)
        }
        var files: [File] = []
        var total = 0
        for entry in reader.entries {
            let path = name(entry)
            let last = path.split(separator: "/").last.map(String.init) ?? ""
            if path.hasSuffix("/") || last.isEmpty || last.hasPrefix(".") || path.hasPrefix("__MACOSX/") { continue }
            let byRatio = max(entry.compressedSize, 1).multipliedReportingOverflow(by: limits.maxRatio)
            let limit = min(
                limits.maxEntrySize,
                limits.maxTotalSize - total,
                byRatio.overflow ? Int.max : max(byRatio.partialValue, 64 << 10)
            )
            var bytes = Data()
            do {
                try reader.read(entry, limit: limit) { bytes.append($0) }
            } catch .entryTooLarge {
                if limits.maxTotalSize - total < limits.maxEntrySize && entry.uncompressedSize <= limits.maxEntrySize {
                    throw Refusal(
                        message: "压缩包解压后超过 \(limits.maxTotalSize >> 20) MB 的上限，未读取；请分成几个较小的压缩包上传。"
                    )
                }
                if entry.uncompressedSize > limits.maxEntrySize {
                    throw Refusal(
                        message: "压缩包中的「\(path)」解压后超过 \(limits.maxEntrySize >> 20) MB 的上限，未读取整个压缩包。"
                    )
                }
                throw Refusal(
                    message: "压缩包中的「\(path)」压缩比异常（超过 \(limits.maxRatio) 倍），可能是恶意的“压缩炸弹”，未读取整个压缩包。"
                )
            } catch {
                throw refusal(error, limits: limits)
            }
            total += bytes.count
            files.append(File(path: path, bytes: bytes))
        }
        return files
    }

    /// An entry's name: UTF-8 when the archive says so or when it is valid UTF-8, else GB18030 (GBK), as archives made
    /// on Chinese Windows store names.
    static func name(_ entry: ZipReader.Entry) -> String {
        let bytes = entry.nameBytes
        if entry.flags & 0x800 != 0 || String(validating: bytes, as: UTF8.self) != nil { return entry.path }
        return TextDecoder.iconvDecode(bytes, from: "GB18030") ?? entry.path
    }

    static func refusal(_ failure: ZipReader.Failure, limits: Limits) -> Refusal {
        switch failure {
        case .tooManyEntries(let count):
            Refusal(message: "压缩包中有 \(count) 个条目，超过 \(limits.maxEntries) 个的上限，未读取。")
        case .entryTooLarge(let path):
            Refusal(message: "压缩包中的「\(path)」解压后过大，未读取整个压缩包。")
        case .totalTooLarge:
            Refusal(message: "压缩包解压后超过 \(limits.maxTotalSize >> 20) MB 的上限，未读取。")
        case .encrypted:
            Refusal(message: "压缩包设有密码，无法读取；请上传未加密的压缩包。")
        case .corrupt(let reason):
            Refusal(message: "压缩包已损坏，无法读取：\(reason)。")
        case .stopped:
            Refusal(message: "压缩包无法读取。")
        }
    }
}
