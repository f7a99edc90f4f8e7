import CLibFuzzer
import Foundation

/// libFuzzer's driver started from the program's own main: SwiftPM gives every executable a main, so the one in
/// libFuzzer's runtime is never linked.
public enum LibFuzzer {
    /// Runs the fuzzer with the program's arguments, calling `callback` with each input, and exits with its status.
    public static func run(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        exit(gongkai_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv, callback))
    }
}
