import GongkaiModel
import GongkaiRegister
import Testing

/// 国办函〔2020〕109号's fee tiers: the worked examples and every tier boundary.
@Suite("register: information processing fees")
struct RegisterFeeTests {
    @Test("按件: 45 applications in a month cost 20×100 + 10×200 + 5×300 = 5,500 yuan")
    func perApplicationExample() {
        #expect(InformationFee.perApplication(monthCount: 45) == 5_500)
    }

    @Test("按件 tier boundaries: 10/11, 30/31, 40/41")
    func perApplicationBoundaries() {
        let ordinals = [1: 0, 10: 0, 11: 100, 30: 100, 31: 200, 40: 200, 41: 300, 50: 300, 51: 400]
        for (ordinal, fee) in ordinals {
            #expect(InformationFee.perApplication(ordinal: ordinal) == fee, "第\(ordinal)件")
        }
        let months = [0: 0, 10: 0, 11: 100, 30: 2_000, 31: 2_200, 40: 4_000, 41: 4_300]
        for (count, fee) in months { #expect(InformationFee.perApplication(monthCount: count) == fee, "\(count)件") }
        #expect(FeeBasis.perApplication(ordinal: 41).amount == 300)
    }

    @Test("按量: 150 pages cost 70×10 + 50×20 = 1,700 yuan")
    func perPageExample() {
        #expect(InformationFee.perPage(pages: 150) == 1_700)
        #expect(FeeBasis.perPage(pages: 150).amount == 1_700)
    }

    @Test("按量 tier boundaries: 30/31, 100/101, 200/201 pages")
    func perPageBoundaries() {
        let pages = [0: 0, 30: 0, 31: 10, 100: 700, 101: 720, 200: 2_700, 201: 2_740, 210: 3_100]
        for (count, fee) in pages { #expect(InformationFee.perPage(pages: count) == fee, "\(count)页") }
    }

    @Test("按件 counts the applicant's applications in the natural month, by receipt date")
    func ordinalInMonth() {
        func day(_ text: String) -> CalendarDate { RegisterApplicationTests.day(text) }
        let same = Applicant(name: "赵某", identification: "A")
        let renamed = Applicant(name: "赵某某", identification: "A")
        let other = Applicant(name: "赵某")
        let applications = [
            ("1", same, "2025-05-02"), ("2", renamed, "2025-05-20"), ("3", same, "2025-05-31"),
            ("4", other, "2025-05-10"),
            ("5", same, "2025-06-01"),
        ].map { id, applicant, date in
            Application(
                id: id,
                applicant: applicant,
                applicantType: .natural,
                request: "",
                channel: .online,
                received: day(date)
            )
        }
        #expect(applications.map { InformationFee.ordinal(of: $0, among: applications) } == [1, 2, 3, 1, 1])
    }
}
