public import GongkaiStore
public import Hummingbird

/// The web application over a corpus store: its pages, its JSON API under `/api/v1`, and the server that runs them.
public enum WebServer {
    /// The application: the routes of ``router(store:options:)`` served on the options' host and port;
    /// `onRunning` is called once the server listens.
    public static func application(
        store: any ReportStore,
        options: WebOptions,
        onRunning: @escaping @Sendable () -> Void = {}
    ) -> Application<RouterResponder<WebContext>> {
        let app = WebApp(store: store, options: options)
        return Application(
            router: router(app),
            server: .http1(configuration: .init(idleTimeout: .seconds(Int64(options.idleTimeout)))),
            configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port)),
            onServerRunning: { _ in
                onRunning()
                // What the first visitors would otherwise wait for on a large corpus, worked out while nobody waits.
                Task.detached(priority: .background) { await app.warmUp() }
            }
        )
    }

    /// Serves until the process is asked to stop (SIGINT or SIGTERM), then finishes the requests under way.
    public static func run(
        store: any ReportStore,
        options: WebOptions,
        onRunning: @escaping @Sendable () -> Void = {}
    ) async throws {
        try await application(store: store, options: options, onRunning: onRunning).runService()
    }

    /// Every route, behind the middleware that adds the security headers and turns errors into pages in Chinese
    /// (or JSON errors under `/api/`).
    public static func router(store: any ReportStore, options: WebOptions) -> Router<WebContext> {
        router(WebApp(store: store, options: options))
    }

    static func router(_ app: WebApp) -> Router<WebContext> {
        let router = Router(context: WebContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: PageMiddleware())
        router.add(middleware: AccessMiddleware(app: app))
        app.addRoutes(to: router)
        return router
    }
}
