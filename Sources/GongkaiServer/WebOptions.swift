public import Foundation
import GongkaiExtract
public import GongkaiIsolation

/// How the web application runs: where it listens, how uploads are read, how long a check's result is kept.
public struct WebOptions: Sendable {
    /// The largest file read: the readers' own limit (32 MB).
    public static let uploadLimit = TextExtractor.defaultSizeLimit
    /// What a form may carry beside its file (boundaries, headers, the other fields).
    public static let formAllowance = 64 * 1024

    public var host: String
    public var port: Int
    /// Where uploads are read: worker processes of the `gongkai` binary, so that a hostile file costs its own read.
    public var isolation: ReaderIsolation
    /// Files read at a time; one reader (a worker process) each.
    public var readers: Int
    /// Uploads that may wait for a reader; one more is turned away (503) rather than queued without end.
    public var waitingLimit: Int
    /// How long a check's result stays in memory for its downloads, in seconds.
    public var resultLifetime: TimeInterval
    /// How many checks' results are kept at most; the oldest go first.
    public var resultCapacity: Int
    /// Reports a page of the 报告库 lists unless the request asks for another number (at most 200).
    public var pageSize: Int
    /// Reports written as PDF by LibreOffice, and PDF pages drawn as images, at a time; more wait (up to twice as
    /// many) or are turned away (503).
    public var conversions: Int
    /// How long one PDF conversion may take, in seconds, before LibreOffice is stopped.
    public var conversionTimeLimit: Double

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        isolation: ReaderIsolation = .inProcess,
        readers: Int = ProcessInfo.processInfo.activeProcessorCount,
        waitingLimit: Int = 8,
        resultLifetime: TimeInterval = 30 * 60,
        resultCapacity: Int = 64,
        pageSize: Int = 50,
        conversions: Int = 2,
        conversionTimeLimit: Double = 60
    ) {
        self.host = host
        self.port = port
        self.isolation = isolation
        self.readers = max(1, readers)
        self.waitingLimit = max(0, waitingLimit)
        self.resultLifetime = resultLifetime
        self.resultCapacity = max(1, resultCapacity)
        self.pageSize = pageSize
        self.conversions = max(1, conversions)
        self.conversionTimeLimit = conversionTimeLimit
    }
}
