public import Foundation

/// Old binary Word and WPS files (.doc, OLE compound) turned into DOCX by LibreOffice, when it is installed: headless,
/// in a temporary folder with its own profile (so a running LibreOffice or another conversion never interferes),
/// within a time limit.
public enum LegacyWordConverter {
    /// Seconds a conversion may take; LibreOffice needs about 2 s for a report, most of it starting up.
    public static let timeout = 120.0

    /// LibreOffice on this machine, if it is installed.
    public static func findLibreOffice() -> ExternalTool? {
        ExternalTool.find("soffice") ?? ExternalTool.find("libreoffice")
    }

    /// Converts with `tool` (LibreOffice's `soffice`); without one, says how to go on.
    public static func convert(_ data: Data, tool: ExternalTool? = findLibreOffice()) throws(ExtractError) -> Data {
        guard let tool else { throw .legacyWord }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("gongkai-doc-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("report.doc")
        let output = folder.appendingPathComponent("out", isDirectory: true)
        let profile = folder.appendingPathComponent("profile", isDirectory: true)
        let result: ExternalTool.Output
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            try data.write(to: input)
            result = try tool.run(
                [
                    "-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore", "--nologo",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", output.path, input.path,
                ],
                timeout: timeout
            )
        } catch {
            throw .legacyConversionFailed("无法启动 LibreOffice（\(error)）")
        }
        if result.timedOut { throw .timedOut(seconds: Int(timeout)) }
        let converted = output.appendingPathComponent("report.docx")
        guard let docx = try? Data(contentsOf: converted), !docx.isEmpty else {
            let message = String(decoding: result.stderr, as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw .legacyConversionFailed(message.isEmpty ? "没有生成 .docx 文件（可能已加密或已损坏）" : message)
        }
        return docx
    }
}
