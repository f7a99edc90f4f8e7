public import Hummingbird
import NIOCore

/// The request context of every route: bodies up to the upload limit and a little more for a form's own fields.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The address of the client's connection (the proxy's, behind a proxy).
    public var peerAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// 32 MB of file and 64 KB of form around it; each route collects at most this much.
    public var maxUploadSize: Int { WebOptions.uploadLimit + WebOptions.formAllowance }
}
