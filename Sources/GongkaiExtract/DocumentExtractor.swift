public import Foundation

/// The entry point of extraction: tells the kind of a file from its bytes and hands it to the reader for that kind.
public enum DocumentExtractor {
    public static func extract(
        _ data: Data,
        name: String,
        sizeLimit: Int = TextExtractor.defaultSizeLimit
    ) throws(ExtractError) -> ExtractedDocument {
        if data.isEmpty { throw .empty }
        if data.count > sizeLimit { throw .tooLarge(bytes: data.count, limit: sizeLimit) }
        let kind = SourceFormatSniffer.sniff(data)
        switch kind {
        case .text:
            return try TextExtractor.extract(sniffedText: data, name: name)
        case .binary:
            throw .binary
        case .pdf:
            return try PDFExtractor.extract(data, name: name)
        case .zip:
            return try DOCXExtractor.extract(data, name: name)
        case .oleCompound:
            return try DOCXExtractor.extract(try LegacyWordConverter.convert(data), name: name)
        case .html:
            return try HTMLExtractor.extract(data, name: name, sizeLimit: sizeLimit)
        }
    }
}
