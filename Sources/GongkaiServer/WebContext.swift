public import Hummingbird

/// The request context of every route: bodies up to the upload limit and a little more for a form's own fields.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// 32 MB of file and 64 KB of form around it; each route collects at most this much.
    public var maxUploadSize: Int { WebOptions.uploadLimit + WebOptions.formAllowance }
}
