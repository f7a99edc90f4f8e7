public import GongkaiModel

/// What reading one file gave: the report and its findings, or why there is none.
public enum ReadOutcome: Sendable {
    case report(AnnualReport, findings: [Finding], isDataFile: Bool)
    case failed(ReadFailure)
}

/// Why a file gave no report, as one sentence a clerk understands.
public struct ReadFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The file is not a report Gongkai can read (empty, binary, damaged, not an annual report, …).
        case unreadable
        /// Reading it stopped the reader: a fault in Gongkai, shown by this file.
        case crashed
        /// Reading it took longer than its size allows.
        case timedOut
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// The part of an outcome that crosses from a worker process to its parent.
struct ReportPayload {
    var report: AnnualReport
    var findings: [Finding]
    var isDataFile: Bool
}
