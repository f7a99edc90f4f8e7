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
        Application(
            router: router(store: store, options: options),
            server: .http1(configuration: .init(idleTimeout: .seconds(Int64(options.idleTimeout)))),
            configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port)),
            onServerRunning: { _ in onRunning() }
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
        let app = WebApp(store: store, options: options)
        let router = Router(context: WebContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: PageMiddleware())
        router.add(middleware: AccessMiddleware(app: app))
        app.addRoutes(to: router)
        return router
    }
}
