public import Foundation

/// A file attached to a message.
public struct MailAttachment: Sendable, Hashable {
    public var fileName: String
    public var contentType: String
    public var data: Data

    public init(fileName: String, contentType: String, data: Data) {
        self.fileName = fileName
        self.contentType = contentType
        self.data = data
    }
}

/// An e-mail message: a plain-text body in UTF-8 and any attachments, written as MIME (RFC 2045–2049) with headers
/// that are not ASCII encoded as RFC 2047 encoded words and attachment names as RFC 2231 parameters.
public struct MailMessage: Sendable, Hashable {
    public var from: String
    public var to: String
    public var subject: String
    public var body: String
    public var attachments: [MailAttachment]
    public var date: Date

    public init(
        from: String,
        to: String,
        subject: String,
        body: String,
        attachments: [MailAttachment] = [],
        date: Date = Date()
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.attachments = attachments
        self.date = date
    }

    /// A header value: as it is when printable ASCII, otherwise RFC 2047 encoded words (`=?UTF-8?B?…?=`), each at
    /// most 75 characters and never splitting a character.
    public static func encodedWords(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII || $0.value < 0x20 }) else { return text }
        var words: [String] = []
        var chunk = Data()
        for character in text {
            let bytes = Data(String(character).utf8)
            // 45 bytes make 60 characters of base64, inside the 75 of an encoded word with its 12 of framing.
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// The date as RFC 5322 writes it, in UTC.
    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss +0000"
        return formatter.string(from: date)
    }

    /// Base64 in lines of 76 characters.
    static func base64Lines(_ data: Data) -> String {
        data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    /// The message as sent: headers and body with CRLF line ends.
    public func rendered(boundary: String = "=_gongkai_" + UUID().uuidString) -> String {
        var headers = [
            "From: \(from)", "To: \(to)", "Subject: \(Self.encodedWords(subject))", "Date: \(Self.rfc5322(date))",
            "Message-ID: <\(UUID().uuidString)@gongkai>", "MIME-Version: 1.0",
        ]
        let text = Self.base64Lines(
            Data(body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
        )
        let textPart = "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n\(text)\r\n"
        guard !attachments.isEmpty else {
            headers.append(contentsOf: ["Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64"])
            return headers.joined(separator: "\r\n") + "\r\n\r\n" + text + "\r\n"
        }
        headers.append("Content-Type: multipart/mixed; boundary=\"\(boundary)\"")
        var message = headers.joined(separator: "\r\n") + "\r\n\r\nThis is a MIME message.\r\n"
        message += "--\(boundary)\r\n" + textPart
        for attachment in attachments {
            let encodedName =
                attachment.fileName.addingPercentEncoding(
                    withAllowedCharacters: CharacterSet(
                        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
                    )
                ) ?? "attachment"
            message += "--\(boundary)\r\n"
            message += "Content-Type: \(attachment.contentType); name=\"\(Self.encodedWords(attachment.fileName))\"\r\n"
            message += "Content-Disposition: attachment; filename*=UTF-8''\(encodedName)\r\n"
            message += "Content-Transfer-Encoding: base64\r\n\r\n\(Self.base64Lines(attachment.data))\r\n"
        }
        return message + "--\(boundary)--\r\n"
    }
}
