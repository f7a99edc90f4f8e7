extension Sequence<Int> {
    /// The sum of the values, or nil when it does not fit in an integer: a report's cells can print any number, and a
    /// rule adding them up must not stop the program.
    @inlinable
    public var checkedSum: Int? {
        var sum = 0
        for value in self {
            let (result, overflow) = sum.addingReportingOverflow(value)
            if overflow { return nil }
            sum = result
        }
        return sum
    }
}
