import Foundation
import GongkaiScreen
import Testing

/// Precision and recall of screening on the test set in Fixtures/screening (made by scripts/make-screening-fixtures):
/// decisions, notices, replies and an annual report with planted personal data and wording, and documents full of
/// numbers that are not personal data. Each `NAME.expected.tsv` lists what a clerk would mark, caught or not.
@Suite("screening test set")
struct ScreeningSetTests {
    struct Key: Hashable {
        var kind: String
        var text: String
    }

    struct Score {
        var found = 0
        var wrong = 0
        var missed = 0
        var precision: Double { found + wrong == 0 ? 1 : Double(found) / Double(found + wrong) }
        var recall: Double { found + missed == 0 ? 1 : Double(found) / Double(found + missed) }
    }

    static let folder = Fixtures.url("screening")

    static func documents() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func expected(_ document: URL) throws -> [Key: Int] {
        let sidecar = document.deletingPathExtension().appendingPathExtension("expected.tsv")
        var keys: [Key: Int] = [:]
        for line in try String(contentsOf: sidecar, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
            guard fields.count == 2 else { continue }
            keys[Key(kind: fields[0], text: fields[1]), default: 0] += 1
        }
        return keys
    }

    @Test("precision and recall per kind and overall meet their floors")
    func precisionAndRecall() throws {
        let documents = try Self.documents()
        #expect(documents.count >= 30)
        var scores: [String: Score] = [:]
        var mistakes: [String] = []
        for document in documents {
            let expected = try Self.expected(document)
            var got: [Key: Int] = [:]
            for hit in Screening.screen(try String(contentsOf: document, encoding: .utf8)) {
                got[Key(kind: hit.kind.rawValue, text: hit.text), default: 0] += 1
            }
            for key in Set(expected.keys).union(got.keys) {
                let (want, have) = (expected[key] ?? 0, got[key] ?? 0)
                scores[key.kind, default: Score()].found += min(want, have)
                scores[key.kind, default: Score()].wrong += max(0, have - want)
                scores[key.kind, default: Score()].missed += max(0, want - have)
                if want != have {
                    mistakes.append("\(document.lastPathComponent) \(key.kind) 「\(key.text)」 \(want)→\(have)")
                }
            }
        }
        var total = Score()
        for (kind, score) in scores.sorted(by: { $0.key < $1.key }) {
            print(
                "screening \(kind): precision \(String(format: "%.3f", score.precision)) recall "
                    + "\(String(format: "%.3f", score.recall)) (found \(score.found), wrong \(score.wrong), missed \(score.missed))"
            )
            total.found += score.found
            total.wrong += score.wrong
            total.missed += score.missed
        }
        print(
            "screening overall: precision \(String(format: "%.3f", total.precision)) recall "
                + "\(String(format: "%.3f", total.recall)) over \(documents.count) documents"
        )
        for mistake in mistakes { print("screening difference: \(mistake)") }
        #expect(total.precision >= 0.97)
        #expect(total.recall >= 0.97)
        for kind in ["idNumber", "bankCard", "creditCode", "email", "address", "landline", "passport", "wording"] {
            #expect((scores[kind]?.precision ?? 0) >= 0.95, "\(kind)")
            #expect((scores[kind]?.recall ?? 0) >= 0.95, "\(kind)")
        }
        #expect((scores["mobile"]?.precision ?? 0) >= 0.9)
        #expect((scores["mobile"]?.recall ?? 0) >= 0.95)
        // A name printed only in running text, with no label before it, is not found.
        #expect((scores["personName"]?.precision ?? 0) >= 0.95)
        #expect((scores["personName"]?.recall ?? 0) >= 0.95)
    }

    @Test("the real annual reports in the fixtures hold no personal data")
    func realReportsAreClean() throws {
        let files =
            ["real/pingtan-2020.txt", "real/pingtan-2023.txt", "real/shanghai-office-2025.md"]
            + Fixtures.seedNames.map { "seeds/\($0).txt" }
        for file in files {
            let personal = Screening.screen(try Fixtures.text(file)).filter { $0.kind.isPersonalData }
            #expect(personal.isEmpty, "\(file): \(personal.map { "\($0.kind.rawValue) \($0.text)" })")
        }
    }
}
