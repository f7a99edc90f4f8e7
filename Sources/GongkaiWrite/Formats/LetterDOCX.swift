public import Foundation
import GongkaiModel
public import GongkaiRegister

extension NoticeLetter {
    /// The letter as a Word file in the layout of the annual reports: the title centred, the reference and the
    /// paragraphs in 仿宋 三号, the agency and the date at the right.
    public func docx() throws(ReportDOCX.WriteError) -> Data {
        let blocks: [ReportLayout.Block] =
            [.title(title), .signature([reference]), .paragraph(addressee)] + paragraphs.map { .paragraph($0) }
            + [.paragraph(""), .signature([agency, date.chinese])]
        return try ReportDOCX.render(ReportLayout(blocks: blocks), options: ReportDOCX.Options())
    }
}
