import Foundation
import GongkaiModel
import GongkaiRead

for path in CommandLine.arguments.dropFirst() {
    do {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let report = try ReportReader.read(data, name: path)
        print("AGENCY\t\(report.agency ?? "-")\tYEAR\t\(report.year ?? 0)\tTEMPLATE\t\(report.template?.rawValue ?? "-")\tDATE\t\(report.publicationDate?.description ?? "-")")
        for s in report.sections { print("SECTION\t\(s.kind)\t\(s.printedNumber ?? 0)\t\(s.title)\t\(s.text.count)") }
        for t in report.tables { for r in t.rows where r.state != .complete { print("ROW\t\(t.kind)\t\(r.key)\t\(r.state)\t\(r.printedLabel)") } }
        for f in report.orderedFigures {
            let v: String
            switch f.value { case .integer(let i): v = "\(i)"; case .decimal(let d): v = "\(d)"; case .blank: v = "null"; case .unknown: v = "unknown" }
            print("FIG\t\(f.id)\t\(v)")
        }
    } catch { print("ERROR \(error)") }
}
