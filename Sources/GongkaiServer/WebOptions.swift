public import Foundation
import GongkaiExtract
public import GongkaiIsolation
public import GongkaiMail
public import GongkaiModel
public import GongkaiStore

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
    /// Seconds a connection may stay silent — no request, or a request that stops arriving — before the server
    /// closes it, so that clients that open connections and send nothing (or trickle) cannot hold them all.
    public var idleTimeout: Int
    /// Serves the read-only pages and 检查报告 to visitors who have not signed in; storing reports and the admin
    /// pages still need a signed-in user.
    public var publicAccess = false
    /// The server runs behind a reverse proxy: the client's address is the last of `X-Forwarded-For`, and cookies are
    /// marked `Secure` when `X-Forwarded-Proto` says the browser used https.
    public var behindProxy = false
    /// Cookies are always marked `Secure` (the server is reached over https only).
    public var secureCookies = false
    /// How long a sign-in lasts.
    public var sessionLimits = SessionLimits.standard
    /// Failed sign-ins allowed within a window before more are refused (429).
    public var loginLimits = LoginLimits.standard
    /// The largest body an upload to 上传入库 may have (several files or zip archives together).
    public var batchUploadLimit = 128 << 20
    /// The cost of the bcrypt hashes of passwords set through the web application (2^cost rounds).
    public var passwordCost: UInt8 = Passwords.standardCost
    /// Reports written as PDF by LibreOffice, and PDF pages drawn as images, at a time; more wait (up to twice as
    /// many) or are turned away (503).
    public var conversions: Int
    /// How long one PDF conversion may take, in seconds, before LibreOffice is stopped.
    public var conversionTimeLimit: Double
    /// The day the register's pages count deadlines from; nil for today where the server runs.
    public var registerDay: CalendarDate?
    /// Applications and status look-ups the public application pages take from one address within a window.
    public var applyLimits = ApplyLimits.standard
    /// The SMTP relay letters to applicants are e-mailed through (`--smtp`, `--smtp-from`); nil: none are e-mailed.
    public var mail: MailSettings?

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        isolation: ReaderIsolation = .inProcess,
        readers: Int = ProcessInfo.processInfo.activeProcessorCount,
        waitingLimit: Int = 8,
        resultLifetime: TimeInterval = 30 * 60,
        resultCapacity: Int = 64,
        pageSize: Int = 50,
        idleTimeout: Int = 30,
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
        self.idleTimeout = max(1, idleTimeout)
        self.conversions = max(1, conversions)
        self.conversionTimeLimit = conversionTimeLimit
    }
}

/// Failed sign-ins allowed within a window: per account name, and per client address (higher, as an office may
/// sign in from one address).
public struct LoginLimits: Sendable, Hashable {
    public var perAccount: Int
    public var perAddress: Int
    /// Seconds.
    public var window: TimeInterval

    public init(perAccount: Int, perAddress: Int, window: TimeInterval) {
        self.perAccount = max(1, perAccount)
        self.perAddress = max(1, perAddress)
        self.window = window
    }

    /// 5 failures per account and 20 per address in 15 minutes.
    public static let standard = LoginLimits(perAccount: 5, perAddress: 20, window: 15 * 60)
}

/// What the public application pages (`/apply`) take from one client address within a window, kept in the server's
/// memory: applications filed, and status look-ups (each look-up counts, found or not).
public struct ApplyLimits: Sendable, Hashable {
    public var submissions: Int
    public var lookups: Int
    /// Seconds.
    public var window: TimeInterval

    public init(submissions: Int, lookups: Int, window: TimeInterval) {
        self.submissions = max(1, submissions)
        self.lookups = max(1, lookups)
        self.window = window
    }

    /// 5 applications and 30 look-ups an hour.
    public static let standard = ApplyLimits(submissions: 5, lookups: 30, window: 60 * 60)
}
