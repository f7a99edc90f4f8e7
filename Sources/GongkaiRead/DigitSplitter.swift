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
}
