import ArgumentParser
import GongkaiIsolation

/// `gongkai worker`: reads files sent by a parent `gongkai` on standard input, answering each on standard output.
/// Started by `check`, `parse`, `render` and `ingest`, never by a person.
struct WorkerSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Read files for a parent gongkai process (internal).",
        shouldDisplay: false
    )

    func run() throws {
        WorkerLoop.run()
    }
}
