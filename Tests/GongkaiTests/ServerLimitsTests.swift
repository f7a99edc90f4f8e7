import Foundation
import GongkaiServer
import GongkaiStore
import Hummingbird
import HummingbirdTesting
import Testing

/// The server's limits on connections, on a real port: a client that opens a connection and sends nothing, or
/// stops halfway through its request, is cut off after the idle time, and the server goes on answering others.
@Suite("web application limits")
struct ServerLimitsTests {
    /// Connects to the port, sends `bytes`, then waits for the server to close the connection; returns the seconds
    /// until it did, or nil when it was still open after `patience` seconds.
    static func secondsUntilClosed(port: Int, sending bytes: String, patience: Double) -> Double? {
        guard let socket = LoopbackHTTP.connected(port: port) else { return nil }
        defer { close(socket) }
        var timeout = timeval(tv_sec: Int(patience), tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let start = Date()
        let request = Array(bytes.utf8)
        if !request.isEmpty { _ = write(socket, request, request.count) }
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(socket, &chunk, chunk.count)
            if count == 0 { return Date().timeIntervalSince(start) }
            if count < 0 { return nil }
        }
    }

    @Test("a silent connection and a request that stops halfway are closed after the idle time; others are served")
    func idleConnections() async throws {
        var options = WebOptions(port: 0, readers: 1, idleTimeout: 1)
        options.publicAccess = true
        let application = WebServer.application(store: try StoreBackend.sqlite.make(), options: options)
        try await application.test(.live) { client in
            let port = try #require(client.port)
            async let silent = Task.detached { Self.secondsUntilClosed(port: port, sending: "", patience: 10) }.value
            async let halfway = Task.detached {
                Self.secondsUntilClosed(
                    port: port,
                    sending: "GET /reports HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                    patience: 10
                )
            }.value
            #expect(LoopbackHTTP.get(port: port, path: "/")?.status == 200)
            let (silentSeconds, halfwaySeconds) = await (silent, halfway)
            #expect(LoopbackHTTP.get(port: port, path: "/reports")?.status == 200)
            let closedSilent = try #require(silentSeconds, "a silent connection was still open after 10 s")
            let closedHalfway = try #require(halfwaySeconds, "a half-sent request was still open after 10 s")
            #expect(closedSilent >= 0.9 && closedSilent < 5)
            #expect(closedHalfway >= 0.9 && closedHalfway < 5)
        }
    }
}
