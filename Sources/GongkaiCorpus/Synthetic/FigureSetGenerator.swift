import Foundation
import GongkaiModel

/// Generates figure sets a correctly filled report could print: 表三 keeps the national arithmetic (总计 = the six
/// applicant columns on every row; （七）总计 = the outcome rows; 一 + 二 = （七） + 四 in every column), 表四 keeps
/// 总计 = its four columns, and every value is a non-negative number. Amounts in 万元 may carry two decimals.
struct FigureSetGenerator {
    /// How large the generated values are.
    enum Magnitude {
        /// Mostly 0…5, now and then a value of up to `maxDigits` digits.
        case mixed(maxDigits: Int)
        /// Every value, totals included, is a single digit 0…9.
        case singleDigit
    }

    var template: ReportTemplate
    var magnitude: Magnitude

    var spec: TemplateSpec { NationalTemplates.spec(template) }

    func generate(using rng: inout SplitMix64) -> [FigureID: CellValue] {
        var figures: [FigureID: CellValue] = [:]
        addProactive(to: &figures, using: &rng)
        addApplications(to: &figures, using: &rng)
        addLitigation(to: &figures, using: &rng)
        return figures
    }

    // MARK: 表二

    func addProactive(to figures: inout [FigureID: CellValue], using rng: inout SplitMix64) {
        for row in spec.table(.two).rows {
            for column in row.columns {
                figures[row.figureID(column)] =
                    column.kind == .amount ? .decimal(amount(using: &rng)) : .integer(count(using: &rng))
            }
        }
    }

    /// An amount in 万元: a whole number, or (for mixed sets) one with two decimals such as 1.25.
    func amount(using rng: inout SplitMix64) -> Decimal {
        guard case .mixed = magnitude, rng.chance(50) else { return Decimal(count(using: &rng)) }
        return Decimal(rng.int(in: 1...99_999)) / 100
    }

    /// One free-standing count.
    func count(using rng: inout SplitMix64) -> Int {
        switch magnitude {
        case .singleDigit:
            return rng.int(in: 0...9)
        case .mixed(let maxDigits):
            let roll = rng.int(in: 0...99)
            if roll < 50 { return 0 }
            if roll < 88 { return rng.int(in: 1...5) }
            let digits = rng.int(in: 1...max(1, maxDigits))
            if digits == 1 { return rng.int(in: 0...9) }
            var low = 1
            for _ in 1..<digits { low *= 10 }
            return rng.int(in: low...(low * 10 - 1))
        }
    }

    // MARK: 表三

    func addApplications(to figures: inout [FigureID: CellValue], using rng: inout SplitMix64) {
        let table = spec.table(.three)
        let outcomeKeys = NationalTemplates.outcomeRowKeys(template)
        let applicantCount = NationalTemplates.applicantColumns.count - 1
        var outcomes: [String: [Int]] = [:]
        var forward = Array(repeating: 0, count: applicantCount)

        switch magnitude {
        case .mixed:
            for key in outcomeKeys {
                // Most outcome rows of a real report are all zero.
                outcomes[key] =
                    rng.chance(40)
                    ? Array(repeating: 0, count: applicantCount)
                    : (0..<applicantCount).map { _ in count(using: &rng) }
            }
            forward = (0..<applicantCount).map { _ in count(using: &rng) }
        case .singleDigit:
            // Units spread over the cells so that every total, 总计 of （七） included, stays below ten.
            for key in outcomeKeys { outcomes[key] = Array(repeating: 0, count: applicantCount) }
            let outcomeUnits = rng.int(in: 0...9)
            for _ in 0..<outcomeUnits {
                let key = rng.pick(outcomeKeys)
                outcomes[key, default: []][rng.int(in: 0...(applicantCount - 1))] += 1
            }
            for _ in 0..<rng.int(in: 0...(9 - outcomeUnits)) { forward[rng.int(in: 0...(applicantCount - 1))] += 1 }
        }

        let total = (0..<applicantCount).map { column in outcomeKeys.reduce(0) { $0 + (outcomes[$1]?[column] ?? 0) } }
        var received: [Int] = []
        var carriedOver: [Int] = []
        for column in 0..<applicantCount {
            let handled = total[column] + forward[column]
            let carried = rng.chance(50) ? 0 : rng.int(in: 0...handled)
            carriedOver.append(carried)
            received.append(handled - carried)
        }

        var rows = outcomes
        rows["received"] = received
        rows["carried_over"] = carriedOver
        rows["total"] = total
        rows["carried_forward"] = forward
        for row in table.rows {
            let values = rows[row.key] ?? Array(repeating: 0, count: applicantCount)
            let withTotal = values + [values.reduce(0, +)]
            for (column, value) in zip(row.columns, withTotal) { figures[row.figureID(column)] = .integer(value) }
        }
    }

    // MARK: 表四

    func addLitigation(to figures: inout [FigureID: CellValue], using rng: inout SplitMix64) {
        for row in spec.table(.four).rows {
            let partCount = row.columns.count - 1
            var parts = Array(repeating: 0, count: partCount)
            switch magnitude {
            case .mixed:
                parts = parts.map { _ in count(using: &rng) }
            case .singleDigit:
                for _ in 0..<rng.int(in: 0...9) { parts[rng.int(in: 0...(partCount - 1))] += 1 }
            }
            for (column, value) in zip(row.columns, parts + [parts.reduce(0, +)]) {
                figures[row.figureID(column)] = .integer(value)
            }
        }
    }
}
