import Foundation
import GongkaiTools

/// A PostgreSQL 15 cluster of a test's own, in a temporary folder, for tests that kill the server: the shared server
/// of `GONGKAI_TEST_POSTGRES_URL` stays up for the others. As root, the server's programs run as `postgres`
/// (initdb refuses root), as scripts/lib/throwaway-postgres.sh does.
final class ThrowawayPostgres {
    static let bin = ProcessInfo.processInfo.environment["POSTGRES_BIN"] ?? "/usr/lib/postgresql/15/bin"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: bin + "/initdb") }

    let folder: URL
    let port: Int
    var url: String { "postgres://postgres@127.0.0.1:\(port)/postgres" }
    var data: String { folder.appendingPathComponent("data").path }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init() throws {
        folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("gongkai-test-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        port = Int.random(in: 55_000...59_999)
        if getuid() == 0 { try run("/bin/chown", ["postgres:postgres", folder.path]) }
        try run(
            Self.bin + "/initdb",
            ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
            asPostgres: true
        )
        try start()
    }

    deinit {
        try? run(Self.bin + "/pg_ctl", ["-D", data, "-m", "immediate", "stop"], asPostgres: true)
        try? FileManager.default.removeItem(at: folder)
    }

    func start() throws {
        try run(
            Self.bin + "/pg_ctl",
            [
                "-D", data, "-l", folder.appendingPathComponent("server.log").path, "-w", "-o",
                "-p \(port) -c listen_addresses=127.0.0.1 -k \(folder.path) -c fsync=off", "start",
            ],
            asPostgres: true
        )
    }

    /// Kills the server and every process of it with SIGKILL, as a crash of its machine would.
    func killServer() throws {
        let pidFile = try String(contentsOfFile: data + "/postmaster.pid", encoding: .utf8)
        guard let pid = pidFile.split(separator: "\n").first.flatMap({ Int32($0) }) else {
            throw Failure(description: "no postmaster.pid")
        }
        let children = Self.children(of: pid)
        kill(pid, SIGKILL)
        for child in children { kill(child, SIGKILL) }
        // Wait until the server's processes are gone, so that a restart finds its port free.
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, ([pid] + children).contains(where: { kill($0, 0) == 0 }) {
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// The processes whose parent is `pid`, from /proc.
    static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> Int32? in
            guard let child = Int32(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return nil }
            // pid (comm) state ppid …
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == pid ? child : nil
        }
    }

    /// Runs a program to its end, its output in `commands.log` of the folder. Spawned and waited for directly: a
    /// `Process` waiting for `runuser` while pg_ctl leaves the server running missed its end.
    func run(_ program: String, _ arguments: [String], asPostgres: Bool = false) throws {
        let user = asPostgres && getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []
        let command = user + [program] + arguments
        let log = folder.appendingPathComponent("commands.log").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        // The server outlives this call: it must not hold open the pipes of programs other tests start meanwhile.
        guard Spawning.closeOthers(&actions) == 0 else {
            throw Failure(description: "\(command[0]): \(String(cString: strerror(errno)))")
        }
        let argv = command.map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw Failure(description: "\(command[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw Failure(description: "\(command.joined(separator: " ")) failed: \(output)")
        }
    }
}
