public import Foundation

/// LibreOffice run headless to convert one file: in a temporary folder with its own profile (so a running LibreOffice
/// or another conversion never interferes), within a time limit. An optional runtime dependency: Debian's
/// `libreoffice-writer-nogui`.
public enum LibreOffice {
    /// Why a conversion gave no file.
    public enum Failure: Error, Sendable, Equatable {
        /// LibreOffice is not installed.
        case missing
        /// It could not be started, or ended without writing the file; what it said, if anything.
        case failed(String)
        case timedOut(seconds: Int)
    }

    /// LibreOffice on this machine, if it is installed.
    public static func find() -> ExternalTool? {
        ExternalTool.find("soffice") ?? ExternalTool.find("libreoffice")
            ?? ["/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
            .map { ExternalTool(executable: URL(fileURLWithPath: $0)) }
    }

    /// Converts `data`, a file called `input` (its extension tells LibreOffice what it is), with `--convert-to
    /// target` (`pdf`, `docx:MS Word 2007 XML`), and returns the file it writes, `output`. `fontConfiguration`, a
    /// fontconfig file's text, is what LibreOffice reads instead of the system's font configuration (`FONTCONFIG_FILE`).
    public static func convert(
        _ data: Data,
        input: String,
        target: String,
        output: String,
        timeout: Double,
        fontConfiguration: String? = nil,
        tool: ExternalTool? = find()
    ) throws(Failure) -> Data {
        guard let tool else { throw .missing }
        let folder: TemporaryFolder
        do {
            folder = try TemporaryFolder("office")
        } catch {
            throw .failed("无法创建临时目录（\(error.localizedDescription)）")
        }
        defer { folder.remove() }
        let result: ExternalTool.Output
        do {
            try data.write(to: folder.file(input))
            var environment: [String: String] = [:]
            if let fontConfiguration {
                try Data(fontConfiguration.utf8).write(to: folder.file("fonts.conf"))
                environment["FONTCONFIG_FILE"] = folder.file("fonts.conf").path
            }
            result = try tool.run(
                [
                    "-env:UserInstallation=\(folder.file("profile").absoluteString)", "--headless", "--norestore",
                    "--nologo", "--convert-to", target, "--outdir", folder.file("out").path, folder.file(input).path,
                ],
                timeout: timeout,
                environment: environment
            )
        } catch {
            throw .failed("无法启动 LibreOffice（\(error)）")
        }
        if result.timedOut { throw .timedOut(seconds: Int(timeout)) }
        guard let converted = try? Data(contentsOf: folder.file("out").appendingPathComponent(output)),
            !converted.isEmpty
        else {
            let message = String(decoding: result.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw .failed(message.isEmpty ? "退出码 \(result.status)" : message)
        }
        return converted
    }
}
