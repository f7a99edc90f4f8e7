/// How long reading one file may take: a base and an allowance per megabyte of the file, so that the limit follows the
/// file's size. Time spent in programs of other packages (poppler, Tesseract, LibreOffice) is not counted here: each
/// run of one has its own limit, and the worker's parent adds it when the program starts.
public struct ReadTimeLimit: Sendable, Hashable {
    public var base: Double
    public var perMegabyte: Double

    /// 5 s and 0.5 s a megabyte: 21 s for the largest file read (32 MB); a report of 50 KB, 5 s, where it takes
    /// about a millisecond.
    public static let standard = ReadTimeLimit(base: 5, perMegabyte: 0.5)

    public init(base: Double, perMegabyte: Double) {
        self.base = base
        self.perMegabyte = perMegabyte
    }

    public func seconds(forBytes count: Int) -> Double {
        base + perMegabyte * Double(count) / 1_048_576
    }
}
