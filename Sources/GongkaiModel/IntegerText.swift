/// An integer's decimal digits appended as bytes, for outputs written as UTF-8 without going through `String`.
public enum IntegerText {
    /// Appends `String(value)`'s bytes.
    public static func append(_ value: Int, to output: inout ByteBuffer) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        guard magnitude >= 10 else { return output.append(0x30 + UInt8(magnitude)) }
        // 20 digits hold any 64-bit magnitude; written from the end, then copied in order.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            while magnitude > 0 {
                start -= 1
                digits[start] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            }
            output.append(UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }
}
