import ArgumentParser
import Foundation
import GongkaiCorpus
import GongkaiExtract
import GongkaiIsolation
import GongkaiModel
import GongkaiOutput

/// One input named on the command line, read and checked — in a worker process, so that a file that crashes or
/// stalls a reader costs that file only — or the one-sentence reason it could not be read.
struct InputFile: Sendable {
    let path: String

    enum Outcome {
        case read(AnnualReport, [Finding])
        case failed(String)
    }

    /// What the reader is given: the file's bytes and its name; data files (YAML, JSON) are accepted too.
    func request() -> Result<ReadRequest, ReadFailure> {
        switch bytes() {
        case .success(let data):
            .success(ReadRequest(name: path == "-" ? "<stdin>" : path, bytes: data, acceptsDataFiles: true))
        case .failure(let error):
            .failure(ReadFailure(.unreadable, error.message))
        }
    }

    /// Reads and checks the input; `isData` tells a data file from a report.
    func load() -> Result<(report: AnnualReport, findings: [Finding], isData: Bool), InputError> {
        let reader = IsolatedReader(InputFile.isolation)
        defer { reader.stop() }
        switch request() {
        case .failure(let failure): return .failure(InputError(failure.message))
        case .success(let request):
            switch reader.read(request) {
            case .report(let report, let findings, let isData): return .success((report, findings, isData))
            case .failed(let failure): return .failure(InputError(failure.message))
            }
        }
    }

    /// Reads and checks the input, or says why it could not and stops with exit status 2.
    func loadOrExit() throws -> (report: AnnualReport, findings: [Finding], isData: Bool) {
        switch load() {
        case .success(let loaded): return loaded
        case .failure(let error):
            printError("gongkai: \(path): \(error.message)")
            throw ExitCode(2)
        }
    }

    /// Reads and checks the inputs, `jobs` at a time, handing each outcome back in the inputs' order.
    static func loadAll(_ paths: [String], jobs: Int, deliver: (String, Outcome) -> Void) {
        ReaderPool.read(
            paths.map(InputFile.init(path:)),
            isolation: isolation,
            jobs: jobs,
            prepare: { $0.request() },
            deliver: { index, outcome in
                switch outcome {
                case .report(let report, let findings, _): deliver(paths[index], .read(report, findings))
                case .failed(let failure): deliver(paths[index], .failed(failure.message))
                }
            }
        )
    }

    /// The files named, each folder replaced by the reports in it (as `ingest` finds them, sorted), shown by the
    /// folder's name as given. A folder with no report in it is said so.
    static func expandingFolders(_ paths: [String]) -> [String] {
        var inputs: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
                isDirectory.boolValue
            else {
                inputs.append(path)
                continue
            }
            let root = URL(fileURLWithPath: path).standardizedFileURL.path
            let found = Ingester.files(in: [path]).files
            if found.isEmpty { printError("gongkai: \(path): 文件夹中没有报告文件（.txt、.md、.html、.doc、.docx、.pdf）。") }
            let shown = path.hasSuffix("/") ? String(path.dropLast()) : path
            inputs += found.map { $0.hasPrefix(root + "/") ? shown + $0.dropFirst(root.count) : $0 }
        }
        return inputs
    }

    /// Reads, checks and writes out the inputs, `jobs` at a time, each in the worker that reads it; hands each one's
    /// bytes back in the inputs' order.
    static func renderAll(
        _ paths: [String],
        as rendering: ReportRendering,
        jobs: Int,
        deliver: (String, Result<[UInt8], InputError>) -> Void
    ) {
        ReaderPool.render(
            paths.map(InputFile.init(path:)),
            as: rendering,
            isolation: isolation,
            jobs: jobs,
            prepare: { $0.request() },
            deliver: { index, outcome in deliver(paths[index], outcome.mapError { InputError($0.message) }) }
        )
    }

    /// Worker processes of this very program, unless `GONGKAI_ISOLATION=none` asks for reading in this process (for
    /// profiling a reader).
    static var isolation: ReaderIsolation {
        if ProcessInfo.processInfo.environment["GONGKAI_ISOLATION"] == "none" { return .inProcess }
        return .workerProcesses(.currentExecutable())
    }

    /// The file's bytes, refusing directories, missing files and files over the size limit before loading them.
    func bytes() -> Result<Data, InputError> {
        if path == "-" {
            // At most one byte over the limit: enough to refuse what is too large without holding all of it.
            var data = Data()
            while data.count <= TextExtractor.defaultSizeLimit,
                let chunk = try? FileHandle.standardInput.read(upToCount: 1 << 20), !chunk.isEmpty
            {
                data.append(chunk)
            }
            let limit = TextExtractor.defaultSizeLimit
            if data.count > limit {
                return .failure(InputError(ExtractError.tooLarge(bytes: data.count, limit: limit).description))
            }
            return .success(data)
        }
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

/// Writes bytes straight to standard output's file descriptor, for a command that writes large outputs and does not
/// `print` (whose buffered text could come after them).
func writeStandardOutput(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { raw in
        guard let base = raw.baseAddress else { return }
        var offset = 0
        while offset < raw.count {
            let written = write(STDOUT_FILENO, base + offset, raw.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}

/// Whether standard output is a terminal that wants colour.
func stdoutWantsColor() -> Bool {
    isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        && ProcessInfo.processInfo.environment["TERM"] != "dumb"
}
