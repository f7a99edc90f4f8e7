public import Foundation
public import GongkaiModel

/// PDF through LibreOffice: the report is written as DOCX and converted headless. LibreOffice is an optional runtime
/// dependency; without it the error names the Debian package to install.
public enum ReportPDF {
    public enum ConvertError: Error, Sendable, CustomStringConvertible {
        case missingLibreOffice
        case failed(String)
        case timedOut(seconds: Int)

        public var description: String {
            switch self {
            case .missingLibreOffice:
                "生成 PDF 需要 LibreOffice：请安装 Debian 软件包 libreoffice-writer-nogui（以及中文字体 fonts-noto-cjk），"
                    + "或先生成 Word 文件（--to docx）再另存为 PDF。"
            case .failed(let detail):
                "LibreOffice 转换 PDF 失败：\(detail)"
            case .timedOut(let seconds):
                "LibreOffice 转换 PDF 超过 \(seconds) 秒仍未完成，已停止。"
            }
        }
    }

    /// Places LibreOffice is installed by Debian and by its own packages.
    static let candidates = [
        "/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice",
        "/opt/libreoffice/program/soffice",
    ]

    /// The LibreOffice executable, if installed.
    public static func libreOffice() -> URL? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map {
            "\($0)/soffice"
        }
        return (paths + candidates).first { FileManager.default.isExecutableFile(atPath: $0) }.map {
            URL(fileURLWithPath: $0)
        }
    }

    public static func render(_ report: AnnualReport, timeout: Int = 120) throws -> Data {
        try convert(docx: ReportDOCX.render(report, justified: false), timeout: timeout)
    }

    /// Converts a DOCX file's bytes to PDF.
    public static func convert(docx: Data, timeout: Int = 120) throws(ConvertError) -> Data {
        guard let soffice = libreOffice() else { throw .missingLibreOffice }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gongkai-pdf-\(UUID().uuidString)"
        )
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let input = directory.appendingPathComponent("report.docx")
            try docx.write(to: input)
            let process = Process()
            process.executableURL = soffice
            process.arguments = [
                "-env:UserInstallation=file://\(directory.path)/profile", "--headless", "--norestore",
                "--convert-to", "pdf", "--outdir", directory.path, input.path,
            ]
            process.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let deadline = Date().addingTimeInterval(TimeInterval(timeout))
            while process.isRunning {
                if Date() > deadline {
                    process.terminate()
                    throw ConvertError.timedOut(seconds: timeout)
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            let output = directory.appendingPathComponent("report.pdf")
            guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: output.path) else {
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                throw ConvertError.failed(message.isEmpty ? "退出码 \(process.terminationStatus)" : message)
            }
            return try Data(contentsOf: output)
        } catch let error as ConvertError {
            throw error
        } catch {
            throw .failed(String(describing: error))
        }
    }
}
