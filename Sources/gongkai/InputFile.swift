import Foundation
import GongkaiCheck
import GongkaiExtract
import GongkaiModel
import GongkaiOutput
import GongkaiRead
import GongkaiWrite

/// One input named on the command line, read and checked, or the one-sentence reason it could not be read.
struct InputFile {
    let path: String

    enum Outcome {
        case read(AnnualReport, [Finding])
        case failed(String)
    }

    /// Reads the input as ``load()`` does, without checking it; `isData` tells a data file from a report.
    func report() -> Result<(report: AnnualReport, isData: Bool), InputError> {
        let data: Data
        switch bytes() {
        case .success(let contents): data = contents
        case .failure(let error): return .failure(error)
        }
        let name = path == "-" ? "<stdin>" : path
        if isDataFile(data), let text = String(data: data, encoding: .utf8) {
            do {
                return .success((try ReportDataFile.load(text, name: name), true))
            } catch {
                return .failure(InputError(error.description))
            }
        }
        do {
            return .success((try ReportReader.read(data, name: name), false))
        } catch {
            return .failure(InputError(error.description))
        }
    }

    /// A data file by its name (.yaml, .yml, .json) or by its first character (a JSON object or list).
    func isDataFile(_ data: Data) -> Bool {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") || lowered.hasSuffix(".json") { return true }
        let first = data.first {
            $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF
        }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    /// The file's bytes, refusing directories, missing files and files over the size limit before loading them.
    func bytes() -> Result<Data, InputError> {
        if path == "-" { return .success(FileHandle.standardInput.readDataToEndOfFile()) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(InputError("文件不存在。"))
        }
        if isDirectory.boolValue { return .failure(InputError("这是一个目录，不是文件。")) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > TextExtractor.defaultSizeLimit {
            return .failure(
                InputError(ExtractError.tooLarge(bytes: size, limit: TextExtractor.defaultSizeLimit).description)
            )
        }
        guard let contents = FileManager.default.contents(atPath: path) else {
            return .failure(InputError("无法打开文件（没有读取权限？）。"))
        }
        return .success(contents)
    }

    /// Reads and checks the file (or standard input for `-`): a report in any format Gongkai reads, or a data file.
    func load() -> Outcome {
        switch report() {
        case .success(let loaded): .read(loaded.report, ReportChecker.check(loaded.report))
        case .failure(let error): .failed(error.message)
        }
    }
}

/// Why an input could not be read, as one sentence.
struct InputError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Writes to standard error, showing control characters in file names and messages harmlessly.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((TerminalText.text(message) + "\n").utf8))
}

/// Whether standard output is a terminal that wants colour.
func stdoutWantsColor() -> Bool {
    isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        && ProcessInfo.processInfo.environment["TERM"] != "dumb"
}
