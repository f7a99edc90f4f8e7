import Foundation
import GongkaiTools
import Synchronization

/// A PDF's pages drawn as PNG images by poppler's `pdftoppm` at 100 dpi, to show where a figure stands on its page.
/// Each page is drawn once and kept, per source (its SHA-256) and page, within a byte budget (the least recently
/// shown go first); the pages' sizes, read by `pdfinfo`, are kept per source. Both programs run with a time limit.
final class PageImages: Sendable {
    static let dotsPerInch = 100.0
    static let timeLimit = 30.0

    /// A page's size in points, as shown (turned when the page is rotated).
    struct PageSize: Sendable, Hashable {
        var width: Double
        var height: Double

        /// The image's size in pixels, as `pdftoppm` draws it.
        var pixels: (width: Int, height: Int) {
            (Int((width * PageImages.scale).rounded(.up)), Int((height * PageImages.scale).rounded(.up)))
        }
    }

    /// Why a page could not be drawn.
    enum Failure: Error, Sendable, Equatable {
        case missingTool
        case failed
        case timedOut
    }

    /// Pixels per point.
    static let scale = dotsPerInch / 72

    private struct Kept {
        var images: [String: (png: Data, used: UInt64)] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        var sizes: [String: [PageSize]] = [:]
    }

    private let kept = Mutex(Kept())
    let byteLimit: Int
    /// Sources whose page sizes are kept at most.
    let sizeLimit = 4096

    init(byteLimit: Int = 64 * 1_048_576) {
        self.byteLimit = byteLimit
    }

    /// The sizes kept for a source, if its pages were measured before.
    func knownSizes(_ hash: String) -> [PageSize]? { kept.withLock { $0.sizes[hash] } }

    /// The sizes of a PDF's pages, measured once per source.
    func sizes(_ hash: String, pdf: () throws -> Data?) throws -> [PageSize]? {
        if let known = knownSizes(hash) { return known }
        guard let data = try pdf() else { return nil }
        let sizes = try Self.measure(data)
        kept.withLock { kept in
            if kept.sizes.count >= sizeLimit { kept.sizes.removeAll() }
            kept.sizes[hash] = sizes
        }
        return sizes
    }

    /// The PNG image of a page kept for a source, if it was drawn before.
    func knownImage(_ hash: String, page: Int) -> Data? {
        kept.withLock { kept in
            let key = "\(hash)/\(page)"
            guard let image = kept.images[key] else { return nil }
            kept.clock += 1
            kept.images[key]?.used = kept.clock
            return image.png
        }
    }

    /// A page (1-based) of a PDF as a PNG image, drawn once per source and page.
    func image(_ hash: String, page: Int, pdf: () throws -> Data?) throws -> Data? {
        if let known = knownImage(hash, page: page) { return known }
        guard let data = try pdf() else { return nil }
        let png = try Self.draw(data, page: page)
        kept.withLock { kept in
            kept.clock += 1
            kept.images["\(hash)/\(page)"] = (png, kept.clock)
            kept.bytes += png.count
            while kept.bytes > byteLimit, let oldest = kept.images.min(by: { $0.value.used < $1.value.used }) {
                kept.bytes -= oldest.value.png.count
                kept.images[oldest.key] = nil
            }
        }
        return png
    }

    /// The pages' sizes as `pdfinfo -f 1 -l …` prints them (「Page    3 size:  595 x 842 pts (A4)」, 「Page    3 rot:
    /// 90」).
    static func measure(_ pdf: Data) throws(Failure) -> [PageSize] {
        guard let pdfinfo = ExternalTool.find("pdfinfo") else { throw .missingTool }
        let output = try run(pdfinfo, pdf) { ["-f", "1", "-l", "100000", $0] }
        var sizes: [Int: PageSize] = [:]
        var rotations: [Int: Int] = [:]
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == ":" })
            guard words.count >= 3, words[0] == "Page", let page = Int(words[1]) else { continue }
            if words[2] == "size", words.count >= 6, let width = Double(words[3]), let height = Double(words[5]) {
                sizes[page] = PageSize(width: width, height: height)
            } else if words[2] == "rot", words.count >= 4, let rotation = Int(words[3]) {
                rotations[page] = rotation
            }
        }
        guard let last = sizes.keys.max(), last >= 1 else { throw .failed }
        return (1...last).map { page in
            let size = sizes[page] ?? PageSize(width: 595, height: 842)
            let turned = (rotations[page] ?? 0) % 180 != 0
            return turned ? PageSize(width: size.height, height: size.width) : size
        }
    }

    /// One page drawn by `pdftoppm -png -r 100 -f P -l P`.
    static func draw(_ pdf: Data, page: Int) throws(Failure) -> Data {
        guard let pdftoppm = ExternalTool.find("pdftoppm") else { throw .missingTool }
        let png = try run(pdftoppm, pdf) {
            ["-png", "-r", "\(Int(dotsPerInch))", "-f", "\(page)", "-l", "\(page)", "-singlefile", $0]
        }
        guard png.starts(with: [0x89, 0x50, 0x4E, 0x47]) else { throw .failed }
        return png
    }

    /// Runs a poppler program on the PDF, written to a temporary folder; its standard output.
    static func run(_ tool: ExternalTool, _ pdf: Data, arguments: (String) -> [String]) throws(Failure) -> Data {
        let folder: TemporaryFolder
        do {
            folder = try TemporaryFolder("page")
            try pdf.write(to: folder.file("in.pdf"))
        } catch {
            throw .failed
        }
        defer { folder.remove() }
        let output: ExternalTool.Output
        do {
            output = try tool.run(arguments(folder.file("in.pdf").path), timeout: timeLimit)
        } catch {
            throw .failed
        }
        if output.timedOut { throw .timedOut }
        guard output.status == 0, !output.stdout.isEmpty else { throw .failed }
        return output.stdout
    }
}
