import Foundation

/// What the scan reader saw, written out for whoever tunes it: with the environment variable `GONGKAI_SCAN_DEBUG`
/// set to a folder, each straightened page (`page-N.pgm`), each value cell's writing (`pP-tT-rR-cC.pgm`) and a log
/// (`log.txt`: the rules found, each table's cells as read, and for each value cell what Tesseract's three readings
/// and ``DigitReader`` said and what was taken) are written there. Unset, nothing is written.
enum ScanDebug {
    /// The folder written to, when one is set.
    static let folder: String? = {
        let value = ProcessInfo.processInfo.environment["GONGKAI_SCAN_DEBUG"]
        return value.flatMap { $0.hasPrefix("/") ? $0 : nil }
    }()

    static var isOn: Bool { folder != nil }

    /// Adds a line to the log.
    static func log(_ text: String) {
        guard let folder else { return }
        let url = URL(fileURLWithPath: folder + "/log.txt")
        let data = Data((text + "\n").utf8)
        if let handle = try? FileHandle(forWritingTo: url) {
            handle.seekToEndOfFile()
            handle.write(data)
            try? handle.close()
        } else {
            try? data.write(to: url)
        }
    }

    /// Writes `image` as `name.pgm`.
    static func save(_ image: GrayImage?, _ name: String) {
        guard let image, let folder else { return }
        try? image.pgmData.write(to: URL(fileURLWithPath: folder + "/" + name + ".pgm"))
    }

    /// The glyphs ``DigitReader`` finds in `image`, each with its box and the digit it resembles most, how closely
    /// and by how much more than any other (in hundredths).
    static func glyphs(_ image: GrayImage) -> String {
        guard let glyphs = DigitReader.glyphs(in: image) else { return "none" }
        return glyphs.map { piece -> String in
            switch piece {
            case .point: return "."
            case .digit(let box):
                let read = DigitReader.read(image, box: box).map {
                    "\($0.digit) \(Int($0.resemblance * 100)) +\(Int($0.margin * 100))"
                }
                return "[\(box.x0),\(box.y0) \(box.width)x\(box.height) \(read ?? "none")]"
            }
        }
        .joined(separator: " ")
    }
}
