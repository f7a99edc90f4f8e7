import Foundation
import GRDB
import GongkaiModel
import GongkaiRegister
import Testing

@testable import GongkaiStore

/// A corpus from before the calendar years (migration v8) reads the built-in calendar, and takes added years once
/// brought up to date.
@Suite("calendar years migration")
struct CalendarMigrationTests {
    @Test("a corpus without the calendar tables reads the built-in calendar read-only, and is migrated for writing")
    func olderCorpus() throws {
        let path = try StoreTesting.temporaryFolder().appendingPathComponent("gongkai.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try SQLiteSchema.migrator.migrate(queue, upTo: "v7 listing by findings index")
        }
        let reading = try SQLiteStore(path: path, readOnly: true)
        #expect(try reading.storedCalendarYears().isEmpty)
        #expect(try reading.workingCalendar() == WorkingCalendar.builtIn)
        #expect(throws: StoreError.self) {
            try reading.storeCalendarYears(try CalendarFile.parse(StoreContractTests.year2027), replace: false)
        }

        let writing = try SQLiteStore(path: path)
        let update = try writing.storeCalendarYears(
            try CalendarFile.parse(StoreContractTests.year2027),
            replace: false
        )
        #expect(update.added == [2027])
        let applied = try DatabaseQueue(path: path).read { try SQLiteSchema.applied($0) }
        #expect(applied.contains("v8 working-calendar years"))
        #expect(try SQLiteStore(path: path, readOnly: true).workingCalendar().knownYears.last == 2027)
    }
}
