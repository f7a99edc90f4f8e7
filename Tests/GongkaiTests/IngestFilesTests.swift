import Foundation
import GongkaiCorpus
import Testing

/// Which files `gongkai ingest FOLDER` takes.
@Suite("ingest file search")
struct IngestFilesTests {
    @Test("report extensions in any case, in nested folders, sorted; hidden, other and linked folders left out")
    func folderSearch() throws {
        let root = try StoreTesting.temporaryFolder()
        let manager = FileManager.default
        func write(_ path: String) throws {
            let url = root.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        for path in [
            "b/2023.txt", "a/报告.PDF", "a/deep/er/2022.docx", "a/notes.csv", "a/.hidden.txt", ".git/x.txt",
            "c/page.HTML", "c/README", "outside/other.txt",
        ] {
            try write(path)
        }
        try manager.createSymbolicLink(
            atPath: root.appendingPathComponent("c/linked.md").path,
            withDestinationPath: root.appendingPathComponent("outside/other.txt").path
        )
        try manager.createSymbolicLink(
            atPath: root.appendingPathComponent("c/folder-link").path,
            withDestinationPath: root.appendingPathComponent("outside").path
        )
        let (files, missing) = Ingester.files(in: [
            root.appendingPathComponent("a").path, root.appendingPathComponent("b").path,
            root.appendingPathComponent("c").path, root.appendingPathComponent("nowhere").path,
            root.appendingPathComponent("b/2023.txt").path,
        ])
        let relative = files.map { String($0.dropFirst(root.standardizedFileURL.path.count + 1)) }
        #expect(relative == ["a/deep/er/2022.docx", "a/报告.PDF", "b/2023.txt", "c/linked.md", "c/page.HTML"])
        #expect(missing == [root.appendingPathComponent("nowhere").path])
    }
}
