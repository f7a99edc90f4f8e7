import Foundation
import GongkaiForm
import GongkaiModel
import GongkaiRead
import Testing
import ZIPFoundation

/// Every input the fuzz targets found crashing, hanging or running out of memory, kept in `Fixtures/fuzz/TARGET/`
/// and run through the same entry as its target (`Support/FuzzEntry.swift` is the fuzz package's own file): each
/// gives a report or a clean error, and the same outputs when read again.
@Suite(.timeLimit(.minutes(1)))
struct FuzzRegressionTests {
    struct KeptInput: Sendable, CustomTestStringConvertible {
        var target: FuzzEntry.Target
        var file: String
        var testDescription: String { "\(target.rawValue)/\(file)" }
    }

    static let keptInputs: [KeptInput] = FuzzEntry.Target.allCases.flatMap { target in
        let folder = Fixtures.url("fuzz/\(target.rawValue)")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { !$0.hasPrefix(".") }.sorted().map { KeptInput(target: target, file: $0) }
    }

    @Test("a kept input reads to a report or an error, the same twice", arguments: keptInputs)
    func keptInput(_ input: KeptInput) throws {
        let data = try Fixtures.data("fuzz/\(input.target.rawValue)/\(input.file)")
        let first = try #require(FuzzEntry.run(input.target, data), "the target no longer takes this input")
        #expect(!first.outputs.isEmpty)
        #expect(FuzzEntry.run(input.target, data) == first)
    }

    /// The screen target's properties (ranges inside the text, masked lengths, exactly the personal data masked) on
    /// every screening fixture.
    @Test func screenTargetOnScreeningFixtures() throws {
        let folder = Fixtures.url("screening")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }
        #expect(files.count >= 20)
        for file in files {
            let outcome = try #require(FuzzEntry.run(.screen, try Fixtures.data("screening/\(file)")))
            #expect(outcome.outputs.count >= 1, "\(file)")
        }
    }

    @Test func keptInputsAreFound() {
        #expect(Self.keptInputs.count >= 1)
    }

    /// The Word target's XML form (parts packed into a zip by the target) reads as the Word file it came from.
    @Test func wordPartsPackedByTheTargetReadAsTheFile() throws {
        let file = "rendered/000_619992dd5b79419f.lo.docx"
        let data = try Fixtures.data(file)
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [Data] = []
        for path in ["word/document.xml", "word/numbering.xml", "word/styles.xml"] {
            var part = Data()
            if let entry = archive[path] { _ = try archive.extract(entry) { part.append($0) } }
            parts.append(part)
        }
        let packed = Data(parts.joined(separator: [0]))
        let expected = try ReportReader.read(data, name: "fuzz.docx")
        let report = try ReportReader.read(StoredZip.word(parts: packed), name: "fuzz.docx")
        #expect(report.figures == expected.figures)
        #expect(report.figures.count > 100)
        #expect(FuzzEntry.run(.docx, packed) == FuzzEntry.run(.docx, data))
    }

    @Test("the form target reads a browser's upload into its parts, and refuses a body cut short")
    func formTarget() throws {
        var input = Data("multipart/form-data; boundary=\"a;b\"\n--a;b\r\n".utf8)
        input += Data("Content-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n--a;b\r\n".utf8)
        input += Data("Content-Disposition: form-data; name=\"file\"; filename=\"报告.txt\"\r\n\r\n".utf8)
        input += Data([0, 0x0D, 0x0A, 0x2D, 0x2D]) + Data("\r\n--a;b--\r\n".utf8)
        let outcome = try #require(FuzzEntry.run(.form, input))
        #expect(outcome.outputs == ["csrf\t-\t3", "file\t报告.txt\t5"])
        let cut = try #require(FuzzEntry.run(.form, input.prefix(input.count - 12)))
        #expect(cut.outputs == [MultipartForm.Malformed().message])
        #expect(FuzzEntry.run(.form, Data("text/plain\nx".utf8))?.outputs == ["no boundary"])
    }
}
