import Foundation
import GongkaiCorpus
import HummingbirdBcrypt

/// Passwords of the web application's users: checked for length, stored only as bcrypt hashes.
public enum Passwords {
    /// 2^12 rounds: about a quarter of a second a hash on one core.
    public static let standardCost: UInt8 = 12
    public static let minimumLength = 10
    /// bcrypt reads no further than 72 bytes: a longer password would be cut without a word.
    public static let maximumBytes = 72

    /// Why a password cannot be used, in Chinese; nil when it can.
    public static func problem(_ password: String) -> String? {
        if password.count < minimumLength { return "密码至少 \(minimumLength) 个字符。" }
        if password.utf8.count > maximumBytes { return "密码太长（至多 \(maximumBytes) 个字节，约 24 个汉字）。" }
        if password.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "密码不能含有控制字符。"
        }
        return nil
    }

    /// The bcrypt hash of a password, with a new random salt.
    public static func hash(_ password: String, cost: UInt8 = standardCost) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// Whether a password matches a stored hash.
    public static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// The hash a sign-in under a name that has no user is checked against, so that it takes as long as one that
    /// has: the time tells nothing of which names exist.
    static let unknownUserHash = Bcrypt.hash(Tokens.random(), cost: standardCost)

    /// A password a person can type from a printout: 16 letters and digits without the look-alikes 0 O 1 l I.
    public static func generated() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}

/// Random tokens for cookies and forms, and the hashes the database keeps of them.
enum Tokens {
    /// `bytes` random bytes from the system's secure generator, as hex.
    static func random(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// What the database keeps of a session's token: whoever reads the database cannot sign in with it.
    static func hash(_ token: String) -> String { SHA256.hex(Data(token.utf8)) }

    /// Whether two tokens are equal, in a time that does not depend on where they differ.
    static func equal(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count, !left.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    /// Whether a text looks like one of these tokens: hex, of a sensible length.
    static func isToken(_ text: String) -> Bool {
        (32...128).contains(text.utf8.count)
            && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
