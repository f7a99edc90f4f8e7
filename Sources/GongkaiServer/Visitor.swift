import GongkaiPublish
import GongkaiStore

/// Who is making the request: a signed-in user and the session's token against cross-site requests, or a visitor
/// not signed in with the token of the visitor's cookie. The access middleware sets it for the whole of a request, so
/// that every page's header shows who is signed in and every form carries the token.
struct Visitor: Sendable {
    var session: SessionRecord?
    /// The token a form posted by this visitor must carry.
    var csrfToken: String
    /// The read-only pages are served without signing in (`--public`).
    var publicAccess: Bool
    /// What the signed-in user does for which agencies (登记员, 初审 …, 督办); empty for a visitor not signed in.
    var duties: [DutyRecord] = []

    @TaskLocal static var current = Visitor(session: nil, csrfToken: "", publicAccess: false)

    /// Whether the signed-in user holds a duty for an agency; a duty held for every agency (督办) counts.
    func holds(_ duty: AgencyDuty, agencyID: Int64) -> Bool {
        duties.contains { $0.covers(duty, agencyID: agencyID) }
    }

    /// The agencies for which the signed-in user holds a duty, in the order the store gives them; nil when the duty
    /// is held for every agency.
    func agencies(with duty: AgencyDuty) -> [Int64]? {
        var agencies: [Int64] = []
        for held in duties where held.duty == duty {
            guard let agencyID = held.agencyID else { return nil }
            if !agencies.contains(agencyID) { agencies.append(agencyID) }
        }
        return agencies
    }

    var user: UserRecord? { session?.user }

    /// Whether this visitor may use a part of the site.
    func may(_ access: Access) -> Bool {
        switch access {
        case .open: true
        case .reading: publicAccess || user != nil
        case .signedIn: user != nil
        case .role(let role): (user?.role).map { $0 >= role } ?? false
        }
    }

    /// The hidden field every form that posts carries.
    var csrfField: HTML { "<input type=\"hidden\" name=\"\(Self.csrfFieldName)\" value=\"\(csrfToken)\">" }

    static let csrfFieldName = "csrf"
    static let csrfHeader = "X-CSRF-Token"

    /// The header's right side: who is signed in and 退出, or 登录.
    var accountHTML: HTML {
        guard let user else { return "<div class=\"account\"><a href=\"/login\">登录</a></div>" }
        return """
            <form class="account" method="post" action="/logout">\(csrfField)\
            <span>\(user.name)（\(user.role.title)）</span> <button type="submit">退出</button></form>
            """
    }
}

/// What a part of the site asks of its visitors.
enum Access: Sendable, Hashable {
    /// Anybody: 登录, the stylesheet, the scripts, the public application pages.
    case open
    /// The read-only pages and 检查报告: a signed-in user, or anybody with `--public`.
    case reading
    /// Any signed-in user (退出).
    case signedIn
    /// A signed-in user with this role or a higher one.
    case role(UserRole)

    /// What a path asks.
    static func of(path: String) -> Access {
        if path == "/login" || path == Stylesheet.path || path.hasPrefix("/static/") { return .open }
        // The applicant's side: filing an application and following it need no account, with or without --public.
        if path == "/apply" || path.hasPrefix("/apply/") { return .open }
        if path == "/logout" { return .signedIn }
        if path == "/apply" || path.hasPrefix("/apply/") { return .open }
        if path == "/upload" || path.hasPrefix("/upload/") { return .role(.uploader) }
        // Published items are for every reader; an item's own page checks the visitor's duties for its agency.
        if path == "/publish/published" || path.hasPrefix("/publish/items/") && !path.hasSuffix("/new") {
            return .reading
        }
        if path == "/publish/words" { return .role(.admin) }
        // An agency's register and what it publishes: each page checks the user's duties for the agency.
        for part in ["/register", "/publish"] where path == part || path.hasPrefix(part + "/") { return .signedIn }
        if path == "/admin" || path.hasPrefix("/admin/") { return .role(.admin) }
        return .reading
    }
}

extension Visitor {
    /// The signed-in user as an actor on an agency's proactive items: the roles the user's duties give for it.
    func publishActor(agencyID: Int64) -> PublishActor {
        PublishActor(name: user?.name ?? "", roles: duties.publishRoles(agencyID: agencyID))
    }
}
