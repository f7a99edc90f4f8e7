import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func closeDescriptor(_ descriptor: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(descriptor)
    #else
    _ = Darwin.close(descriptor)
    #endif
}

/// Sends bytes on a socket without raising SIGPIPE when the other side has gone.
private func sendBytes(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.send(descriptor, bytes, count, Int32(MSG_NOSIGNAL))
    #else
    Darwin.send(descriptor, bytes, count, 0)
    #endif
}

/// Why a message was not sent, in words a clerk understands.
public struct MailError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// Where letters are e-mailed from: the SMTP relay (`host:port`) and the sender's address.
public struct MailSettings: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var from: String
    /// Seconds to wait for the relay's every answer.
    public var timeout: Int

    public init(host: String, port: Int, from: String, timeout: Int = 15) {
        self.host = host
        self.port = port
        self.from = from
        self.timeout = timeout
    }

    /// `host:port` as the command line takes it; nil when it is not one.
    public init?(server: String, from: String) {
        guard let colon = server.lastIndex(of: ":"), let port = Int(server[server.index(after: colon)...]),
            (1...65535).contains(port), colon > server.startIndex
        else { return nil }
        self.init(host: String(server[..<colon]), port: port, from: from)
    }
}

/// A minimal SMTP client (RFC 5321) for a relay on the local network: EHLO, MAIL FROM, RCPT TO, DATA with
/// dot-stuffing, QUIT. No TLS and no sign-in: it is meant for a relay that accepts mail from this machine (a local
/// Postfix, the agency's internal relay), which passes it on. It blocks while it talks to the relay; run it off the
/// server's request threads.
public enum SMTPClient {
    /// Sends `message` to its recipient through the relay of `settings`.
    public static func send(_ message: MailMessage, settings: MailSettings) throws(MailError) {
        try send(message.rendered(), to: message.to, settings: settings)
    }

    /// Sends the text of a message, as it is, to `recipient`.
    static func send(_ text: String, to recipient: String, settings: MailSettings) throws(MailError) {
        let connection = try Connection(host: settings.host, port: settings.port, timeout: settings.timeout)
        defer { connection.close() }
        try connection.expect(220, "连接邮件服务器")
        try connection.command("EHLO gongkai.local", expecting: 250)
        try connection.command("MAIL FROM:<\(bare(settings.from))>", expecting: 250)
        try connection.command("RCPT TO:<\(bare(recipient))>", expecting: 250)
        try connection.command("DATA", expecting: 354)
        try connection.write(dotStuffed(text) + ".\r\n")
        try connection.expect(250, "发送邮件内容")
        try? connection.command("QUIT", expecting: 221)
    }

    /// The address itself, without a display name or angle brackets; CR and LF removed so no command can be added.
    static func bare(_ address: String) -> String {
        var text = address.filter { $0 != "\r" && $0 != "\n" }
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            text = String(text[text.index(after: open)..<close])
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// The message with every line that starts with 「.」 given a second one (RFC 5321 §4.5.2), ending in CRLF.
    static func dotStuffed(_ text: String) -> String {
        var lines = text.components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n") + "\r\n"
    }

    /// A TCP connection to the relay, with a timeout on every read and write.
    final class Connection {
        let descriptor: Int32
        var buffer = [UInt8]()

        init(host: String, port: Int, timeout: Int) throws(MailError) {
            var hints = addrinfo()
            hints.ai_family = AF_UNSPEC
            #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            #else
            hints.ai_socktype = SOCK_STREAM
            #endif
            var list: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
                throw MailError("找不到邮件服务器「\(host)」。")
            }
            defer { freeaddrinfo(list) }
            var current: UnsafeMutablePointer<addrinfo>? = first
            var connected: Int32 = -1
            while let info = current {
                let candidate = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
                if candidate >= 0 {
                    var limit = timeval(tv_sec: timeout, tv_usec: 0)
                    setsockopt(candidate, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                    setsockopt(candidate, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                    if connect(candidate, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                        connected = candidate
                        break
                    }
                    closeDescriptor(candidate)
                }
                current = info.pointee.ai_next
            }
            guard connected >= 0 else { throw MailError("无法连接邮件服务器 \(host):\(port)。") }
            descriptor = connected
        }

        func close() { closeDescriptor(descriptor) }

        func write(_ text: String) throws(MailError) {
            let bytes = Array(text.utf8)
            var sent = 0
            while sent < bytes.count {
                let count = bytes[sent...].withUnsafeBytes { sendBytes(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { throw MailError("向邮件服务器发送时连接中断。") }
                sent += count
            }
        }

        /// One line from the relay, without its CRLF.
        func line() throws(MailError) -> String {
            while true {
                if let end = buffer.firstIndex(of: 0x0A) {
                    let line = buffer[..<end]
                    buffer.removeSubrange(...end)
                    return String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
                }
                guard buffer.count < 65_536 else { throw MailError("邮件服务器的回答过长。") }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { throw MailError("邮件服务器没有回答（连接中断或超时）。") }
                buffer += chunk[..<count]
            }
        }

        /// Reads a reply (its continuation lines too) and throws unless its code is `code`.
        func expect(_ code: Int, _ step: String) throws(MailError) {
            var text = try line()
            while text.count >= 4, Array(text)[3] == "-" { text = try line() }
            guard let received = Int(text.prefix(3)), received == code else {
                throw MailError("\(step)时邮件服务器拒绝：\(text)")
            }
        }

        func command(_ text: String, expecting code: Int) throws(MailError) {
            try write(text + "\r\n")
            try expect(code, "发送「\(text.prefix(while: { $0 != " " && $0 != ":" }))」")
        }
    }
}
