import Foundation

/// How to start a worker process: a program and its arguments (the `gongkai` binary and its hidden `worker` command).
public struct WorkerCommand: Sendable, Hashable {
    public var executable: String
    public var arguments: [String]
    /// Extra environment variables of the worker, over this process's own.
    public var environment: [String: String]

    public init(executable: String, arguments: [String] = ["worker"], environment: [String: String] = [:]) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
    }

    /// This very program, run as a worker: the running executable as the kernel knows it.
    public static func currentExecutable(arguments: [String] = ["worker"]) -> WorkerCommand {
        let path =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        return WorkerCommand(executable: path, arguments: arguments)
    }
}
