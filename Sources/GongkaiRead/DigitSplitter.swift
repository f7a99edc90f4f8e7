/// Cuts runs of digits printed without separators (`731010883`) into a given number of values.
///
/// Every run yields at least one value; a value never has a leading zero unless it is `0`. `accept` sees each partial
/// assignment as it grows and prunes the search by returning false.
enum DigitSplitter {
    /// The most values one digit string may hold before the splitter gives up on it.
    static let resultLimit = 2_000

    /// All splits, or nil when there are more than `limit` (too ambiguous to use).
    static func splits(
        _ runs: [String],
        fixed: [Bool]? = nil,
        count: Int,
        limit: Int = resultLimit,
        accept: ([Int]) -> Bool
    ) -> [[Int]]? {
        guard isSplittable(runs, fixed: fixed, count: count) else { return [] }
        let fixed = fixed ?? Array(repeating: false, count: runs.count)
        let digits = runs.map { run in run.unicodeScalars.map { Int($0.value) - 48 } }
        let total = digits.reduce(0) { $0 + $1.count }
        guard count >= runs.count, total >= count else { return [] }
        var results: [[Int]] = []
        var partial: [Int] = []
        var overflow = false
        var steps = 0

        // Cut run `run` from position `position`, `remaining` values still to produce overall.
        func search(run: Int, position: Int, remaining: Int) {
            if overflow { return }
            steps += 1
            if steps > 2_000_000 {
                overflow = true
                return
            }
            if run == digits.count {
                if remaining == 0 {
                    results.append(partial)
                    if results.count > limit { overflow = true }
                }
                return
            }
            let current = digits[run]
            let left = current.count - position
            // Digits still to place in later runs bound how many values this run may take.
            let laterRuns = digits.count - run - 1
            let laterDigits = digits[(run + 1)...].reduce(0) { $0 + $1.count }
            if remaining < 1 + laterRuns { return }
            if remaining > left + laterDigits { return }
            let maxLength = current[position] == 0 ? 1 : min(left, 15)
            let minLength = fixed[run] ? left : 1
            if minLength > maxLength { return }
            for length in minLength...maxLength {
                let isLast = length == left
                var value = 0
                for offset in 0..<length { value = value * 10 + current[position + offset] }
                partial.append(value)
                if accept(partial) {
                    if isLast {
                        search(run: run + 1, position: 0, remaining: remaining - 1)
                    } else {
                        search(run: run, position: position + length, remaining: remaining - 1)
                    }
                }
                partial.removeLast()
                if overflow { return }
            }
        }
        search(run: 0, position: 0, remaining: count)
        return overflow ? nil : results
    }

    /// Whether the runs can be cut at all: some runs, each of ASCII digits only, with a `fixed` flag for each.
    static func isSplittable(_ runs: [String], fixed: [Bool]?, count: Int) -> Bool {
        guard count > 0, !runs.isEmpty, fixed.map({ $0.count == runs.count }) ?? true else { return false }
        return runs.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }

    /// All splits in which every group of `groupSize` values ends in the sum of the others (a row total: 表三's
    /// 总计, 表四's three 总计), or nil when there are more than `limit`. The same splits, in the same order, as
    /// ``splits(_:fixed:count:limit:accept:)`` with that rule as `accept`, found far faster: the digits are cut from
    /// the right, so each group's total is known before its parts, and a part larger than what is left of the
    /// total ends the search along that path. A row of nineteen run-together digits has 18,564 ways to make seven
    /// values; this visits a few dozen.
    static func splits(
        _ runs: [String],
        fixed: [Bool]? = nil,
        count: Int,
        limit: Int = resultLimit,
        groupSize: Int
    ) -> [[Int]]? {
        precondition(groupSize >= 2 && count % groupSize == 0, "the values must fall into whole groups")
        guard isSplittable(runs, fixed: fixed, count: count) else { return [] }
        let fixed = fixed ?? Array(repeating: false, count: runs.count)
        let digits = runs.map { run in run.utf8.map { Int($0) - 48 } }
        let total = digits.reduce(0) { $0 + $1.count }
        guard count >= runs.count, total >= count else { return [] }
        // Digits in the runs before each run.
        var before: [Int] = []
        var sum = 0
        for run in digits {
            before.append(sum)
            sum += run.count
        }
        var found: [(lengths: [Int], values: [Int])] = []
        // Values and their lengths, right to left.
        var values: [Int] = []
        var lengths: [Int] = []
        values.reserveCapacity(count)
        lengths.reserveCapacity(count)
        var overflow = false
        var steps = 0

        // Cut a value ending at `end` in run `run`; `budget` is what the group's parts still have to add up to.
        func search(run: Int, end: Int, budget: Int) {
            if overflow { return }
            steps += 1
            if steps > 2_000_000 {
                overflow = true
                return
            }
            let remaining = count - values.count
            // Every run still to cut yields at least one value, and every value takes at least one digit.
            if remaining < run + 1 || remaining > end + before[run] { return }
            let position = remaining - 1  // of this value, from the left
            let isTotal = position % groupSize == groupSize - 1
            let closesGroup = position % groupSize == 0
            let current = digits[run]
            let shortest = fixed[run] ? end : 1
            let longest = min(end, 15)
            guard longest >= 1, shortest <= longest, !fixed[run] || end == current.count else { return }
            var value = 0
            var scale = 1
            for length in 1...longest {
                let digit = current[end - length]
                value += digit * scale
                scale *= 10
                if !isTotal && value > budget { return }
                if length < shortest || (digit == 0 && length > 1) { continue }
                if closesGroup && value != budget { continue }
                values.append(value)
                lengths.append(length)
                let next = isTotal ? value : budget - value
                if length == end {
                    if run == 0 {
                        if values.count == count {
                            found.append((lengths.reversed(), values.reversed()))
                            if found.count > limit { overflow = true }
                        }
                    } else {
                        search(run: run - 1, end: digits[run - 1].count, budget: next)
                    }
                } else {
                    search(run: run, end: end - length, budget: next)
                }
                values.removeLast()
                lengths.removeLast()
                if overflow { return }
            }
        }
        search(run: digits.count - 1, end: digits[digits.count - 1].count, budget: 0)
        if overflow { return nil }
        found.sort { $0.lengths.lexicographicallyPrecedes($1.lengths) }
        return found.map(\.values)
    }
}
