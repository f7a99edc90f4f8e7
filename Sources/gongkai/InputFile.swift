import Foundation
import GongkaiCheck
import GongkaiExtract
import GongkaiModel
import GongkaiRead

/// One input named on the command line, read and checked, or the one-sentence reason it could not be read.
struct InputFile {
    let path: String

    enum Outcome {
        case read(AnnualReport, [Finding])
        case failed(String)
    }

    /// Reads the file (or standard input for `-`), refusing directories, missing files and files over the size limit
    /// before loading them.
    func load() -> Outcome {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return .failed("文件不存在。")
            }
            if isDirectory.boolValue { return .failed("这是一个目录，不是文件。") }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            if size > TextExtractor.defaultSizeLimit {
                return .failed(ExtractError.tooLarge(bytes: size, limit: TextExtractor.defaultSizeLimit).description)
            }
            guard let contents = FileManager.default.contents(atPath: path) else {
                return .failed("无法打开文件（没有读取权限？）。")
            }
            data = contents
        }
        do {
            let report = try ReportReader.read(data, name: path == "-" ? "<stdin>" : path)
            return .read(report, ReportChecker.check(report))
        } catch {
            return .failed(error.description)
        }
    }
}

/// Writes to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Whether standard output is a terminal that wants colour.
func stdoutWantsColor() -> Bool {
    isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        && ProcessInfo.processInfo.environment["TERM"] != "dumb"
}
