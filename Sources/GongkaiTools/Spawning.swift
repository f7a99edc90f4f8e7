import CSpawn
public import Glibc

/// What every program Gongkai starts needs, so that it inherits nothing but its standard input, output and error.
///
/// A descriptor open in this process when another thread starts a program stays open in that program unless it is
/// marked close-on-exec. A long-lived program (a worker process, a database server) holding the writing end of
/// another program's output pipe keeps that pipe from ever reaching its end, and whoever reads it waits for ever.
public enum Spawning {
    /// Adds, after the actions already there, the closing of every descriptor above standard error.
    public static func closeOthers(_ actions: inout posix_spawn_file_actions_t) -> Int32 {
        gongkai_spawn_close_from(&actions, 3)
    }

    /// A pipe (reading end, writing end) whose ends no started program inherits; nil with `errno` set when none
    /// could be made.
    public static func pipe() -> (read: Int32, write: Int32)? {
        var ends: [Int32] = [-1, -1]
        guard gongkai_pipe_cloexec(&ends) == 0 else { return nil }
        return (ends[0], ends[1])
    }
}
