import Foundation

/// Length-prefixed frames over a pair of file descriptors: four bytes of length (little-endian), then the bytes.
///
/// Both sides of a worker use it: the parent writes requests and reads outcomes over its end of a socket pair, the
/// worker the reverse over its standard input and output. Reads can wait with a deadline, so that a worker that never
/// answers is noticed. Writes to a socket never raise SIGPIPE: a worker that died is an error to handle, not a signal
/// that ends the parent.
struct FrameChannel {
    let input: Int32
    let output: Int32

    /// The largest frame either side accepts: a request holds at most a 32 MB file, an outcome far less.
    static let maximumLength = 256 << 20

    enum ReadResult {
        case frame([UInt8])
        /// The other side closed its end (a worker that exited or died).
        case closed
        case timedOut
        /// A length the protocol does not allow: the other side is not a worker of this version.
        case malformed
    }

    /// Writes one frame; false when the other side is gone.
    func write(_ parts: [UInt8]...) -> Bool {
        let length = parts.reduce(0) { $0 + $1.count }
        var header = [UInt8](repeating: 0, count: 4)
        for index in 0..<4 { header[index] = UInt8(truncatingIfNeeded: length >> (8 * index)) }
        guard writeAll(header) else { return false }
        for part in parts where !part.isEmpty {
            guard writeAll(part) else { return false }
        }
        return true
    }

    private func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return true }
            var offset = 0
            while offset < raw.count {
                var written = send(output, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if written < 0 && errno == ENOTSOCK {
                    written = Foundation.write(output, base + offset, raw.count - offset)
                }
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
    }

    /// Reads one frame, waiting at most until `deadline` (a `DispatchTime` uptime in nanoseconds) when one is given.
    func read(deadline: UInt64? = nil) -> ReadResult {
        var header = [UInt8](repeating: 0, count: 4)
        switch readExactly(into: &header, deadline: deadline) {
        case .closed: return .closed
        case .timedOut: return .timedOut
        case .done: break
        }
        let length = header.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        guard length <= Self.maximumLength else { return .malformed }
        var body = [UInt8](repeating: 0, count: length)
        switch readExactly(into: &body, deadline: deadline) {
        case .closed: return .closed
        case .timedOut: return .timedOut
        case .done: return .frame(body)
        }
    }

    private enum Progress { case done, closed, timedOut }

    private func readExactly(into buffer: inout [UInt8], deadline: UInt64?) -> Progress {
        var offset = 0
        while offset < buffer.count {
            if let deadline {
                let now = DispatchTime.now().uptimeNanoseconds
                guard now < deadline else { return .timedOut }
                var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
                let milliseconds = Int32(min((deadline - now) / 1_000_000 + 1, UInt64(Int32.max)))
                let ready = poll(&descriptor, 1, milliseconds)
                if ready < 0 && errno == EINTR { continue }
                if ready == 0 { continue }
            }
            let count = buffer.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress else { return 0 }
                return Foundation.read(input, base + offset, raw.count - offset)
            }
            if count > 0 {
                offset += count
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return .closed
            }
        }
        return .done
    }
}
