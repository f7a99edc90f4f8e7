public import Foundation

/// What a signed-in user may do on the web application.
public enum UserRole: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Reads the corpus's pages and checks reports (检查报告).
    case viewer
    /// Also stores reports in the corpus (上传入库).
    case uploader
    /// Also reads the audit log and the list of users.
    case admin

    /// The role's name in Chinese.
    public var title: String {
        switch self {
        case .viewer: "查看"
        case .uploader: "上传"
        case .admin: "管理"
        }
    }

    var rank: Int {
        switch self {
        case .viewer: 0
        case .uploader: 1
        case .admin: 2
        }
    }

    public static func < (lhs: UserRole, rhs: UserRole) -> Bool { lhs.rank < rhs.rank }
}

/// What a user does for one agency — or, for a supervisor granted no agency, for every agency.
public enum AgencyDuty: String, Sendable, Hashable, Codable, CaseIterable {
    /// 登记员: keeps the agency's register and drafts its proactive items (起草).
    case clerk
    /// 初审: the first of the three reviews before an item is published.
    case firstReview = "first_review"
    /// 复审: the second review.
    case secondReview = "second_review"
    /// 终审: the last review; the item is published after it.
    case finalReview = "final_review"
    /// 督办: follows the agency's applications and their deadlines.
    case supervisor

    /// The duty's name in Chinese.
    public var title: String {
        switch self {
        case .clerk: "登记员"
        case .firstReview: "初审"
        case .secondReview: "复审"
        case .finalReview: "终审"
        case .supervisor: "督办"
        }
    }

    /// The duty named in English (`clerk`, `first_review`, …, with `-` or `_`) or in Chinese (登记员, 初审, …).
    public init?(named name: String) {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
        if let duty = AgencyDuty(rawValue: key) {
            self = duty
        } else if let duty = AgencyDuty.allCases.first(where: { $0.title == key }) {
            self = duty
        } else {
            return nil
        }
    }
}

/// One duty a user holds: for an agency, or for a supervisor with no agency, for every agency.
public struct DutyRecord: Sendable, Hashable {
    public var userID: Int64
    public var userName: String
    public var agencyID: Int64?
    public var agencyName: String?
    public var duty: AgencyDuty
    public var granted: Date

    public init(
        userID: Int64,
        userName: String,
        agencyID: Int64?,
        agencyName: String?,
        duty: AgencyDuty,
        granted: Date
    ) {
        self.userID = userID
        self.userName = userName
        self.agencyID = agencyID
        self.agencyName = agencyName
        self.duty = duty
        self.granted = granted
    }

    /// Whether this duty is `duty` for the agency: a duty granted with no agency covers every agency.
    public func covers(_ duty: AgencyDuty, agencyID: Int64) -> Bool {
        self.duty == duty && (self.agencyID == nil || self.agencyID == agencyID)
    }
}

/// A user of the web application: a name, a role and the bcrypt hash of the password (never the password).
public struct UserRecord: Sendable, Hashable {
    public var id: Int64
    public var name: String
    public var role: UserRole
    public var passwordHash: String
    public var created: Date
    public var updated: Date

    public init(id: Int64, name: String, role: UserRole, passwordHash: String, created: Date, updated: Date) {
        self.id = id
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.created = created
        self.updated = updated
    }
}

/// A signed-in browser: its user, the token its forms carry against cross-site requests, and when it signed in and
/// was last seen. The store keeps only a hash of the session's cookie.
public struct SessionRecord: Sendable, Hashable {
    public var user: UserRecord
    public var csrfToken: String
    public var created: Date
    public var lastSeen: Date

    public init(user: UserRecord, csrfToken: String, created: Date, lastSeen: Date) {
        self.user = user
        self.csrfToken = csrfToken
        self.created = created
        self.lastSeen = lastSeen
    }
}

/// How long a session lasts: `idle` seconds after its last request, and `absolute` seconds after it began at most.
public struct SessionLimits: Sendable, Hashable {
    public var idle: TimeInterval
    public var absolute: TimeInterval

    public init(idle: TimeInterval, absolute: TimeInterval) {
        self.idle = idle
        self.absolute = absolute
    }

    /// 12 hours without a request, 7 days in all.
    public static let standard = SessionLimits(idle: 12 * 3600, absolute: 7 * 24 * 3600)
}

/// The failed sign-ins within a window: for the account named and for the client's address, the times of the most
/// recent ones (newest first, at most the number asked for).
public struct LoginFailures: Sendable, Hashable {
    public var account: [Date]
    public var address: [Date]

    public init(account: [Date], address: [Date]) {
        self.account = account
        self.address = address
    }
}

/// One line of the audit log: who did what, when, from where.
public struct AuditEntry: Sendable, Hashable {
    public var id: Int64?
    public var at: Date
    /// The user's name, or for the command line 「命令行（OS user）」.
    public var actor: String
    /// What was done: 登录, 退出, 登录失败, 添加用户, 修改用户, 删除用户, 上传入库.
    public var action: String
    public var detail: String
    /// The client's address, for the web application.
    public var address: String?

    public init(id: Int64? = nil, at: Date, actor: String, action: String, detail: String, address: String? = nil) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.detail = detail
        self.address = address
    }

    /// 「2026-12-07 14:05:09」 in China's time (UTC+8), as the audit log and the list of users show a moment.
    public static func chinaTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d",
            parts.year ?? 0,
            parts.month ?? 0,
            parts.day ?? 0,
            parts.hour ?? 0,
            parts.minute ?? 0,
            parts.second ?? 0
        )
    }
}

/// One page of the audit log, newest first, and how many lines it holds in all.
public struct AuditPage: Sendable, Hashable {
    public var total: Int
    public var entries: [AuditEntry]

    public init(total: Int, entries: [AuditEntry]) {
        self.total = total
        self.entries = entries
    }
}

/// Users, their sessions, failed sign-ins and the audit log, kept in the corpus database so that several server
/// processes behind one database share them. Every method is one transaction.
public protocol AccountStore: Sendable {
    /// Adds a user; ``StoreError/userExists(_:)`` when the name is taken.
    func addUser(name: String, role: UserRole, passwordHash: String, at: Date) throws -> UserRecord
    func user(named name: String) throws -> UserRecord?
    /// Every user, by name.
    func users() throws -> [UserRecord]
    /// Changes a user's role or password; a new password ends the user's sessions. ``StoreError/userNotFound(_:)``
    /// when there is no such user.
    func changeUser(named name: String, role: UserRole?, passwordHash: String?, at: Date) throws -> UserRecord
    /// Removes a user and ends the user's sessions; ``StoreError/userNotFound(_:)`` when there is no such user.
    func removeUser(named name: String) throws

    /// Begins a session for a user under the hash of its cookie's token; sessions long expired are removed.
    func addSession(tokenHash: String, userID: Int64, csrfToken: String, at: Date) throws
    /// The live session under the hash of a cookie's token, marked as seen now; nil (and the session removed) when it
    /// has expired, nil when there is none.
    func session(tokenHash: String, at: Date, limits: SessionLimits) throws -> SessionRecord?
    func removeSession(tokenHash: String) throws

    /// Records a failed sign-in for an account name (whether or not it exists) and a client address.
    func addLoginFailure(account: String, address: String, at: Date) throws
    /// The failed sign-ins since a time, at most `limit` of each, newest first.
    func loginFailures(account: String, address: String, since: Date, limit: Int) throws -> LoginFailures
    /// Forgets an account's failed sign-ins (after it signs in).
    func clearLoginFailures(account: String) throws

    /// Grants a user a duty for an agency (nil: every agency, for ``AgencyDuty/supervisor`` only) and returns it;
    /// granting a duty already held changes nothing. ``StoreError/userNotFound(_:)``,
    /// ``StoreError/agencyNotFound(_:)``, ``StoreError/dutyNeedsAgency(_:)``.
    func grantDuty(userName: String, duty: AgencyDuty, agencyID: Int64?, at: Date) throws -> DutyRecord
    /// Takes a duty away; nothing happens when the user does not hold it. ``StoreError/userNotFound(_:)``.
    func revokeDuty(userName: String, duty: AgencyDuty, agencyID: Int64?) throws
    /// The duties a user holds, by agency name (every-agency duties first); empty for an unknown user.
    func duties(userName: String) throws -> [DutyRecord]
    /// The duties held for an agency, including those held for every agency, by user name.
    func duties(agencyID: Int64) throws -> [DutyRecord]

    func addAudit(_ entry: AuditEntry) throws
    /// Audit lines, newest first.
    func audit(limit: Int, offset: Int) throws -> AuditPage
}

/// What the corpus holds of a file's bytes: the report stored from them, or the reason they could not be read.
public enum KnownContent: Sendable, Hashable {
    case report(id: Int64)
    case failure(reason: String)
}
