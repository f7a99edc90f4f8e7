import Foundation

/// The command-line parser's messages about a wrong command line, in Chinese: the sentence translated where it is
/// one the parser writes, the usage line kept (its option names are what to type).
enum UsageMessage {
    static func chinese(_ message: String) -> String {
        message.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let text = String(line)
            if text.hasPrefix("Error: ") { return "错误：" + sentence(String(text.dropFirst("Error: ".count))) }
            if text.hasPrefix("Help:  ") { return "说明：" + text.dropFirst("Help:  ".count) }
            if text.hasPrefix("Usage: ") { return "用法：" + text.dropFirst("Usage: ".count) }
            if let range = text.range(of: #"See '([^']+)' for more information\."#, options: .regularExpression) {
                let command = text[range].dropFirst("See '".count).prefix { $0 != "'" }
                return text[..<range.lowerBound] + "详见 \(command)。"
            }
            return text
        }.joined(separator: "\n")
    }

    /// 「'error', 'warning' or 'notice'」 as 「error、warning、notice」.
    static func choices(_ text: String) -> String {
        text.replacingOccurrences(of: " or ", with: ", ").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        }.joined(separator: "、")
    }

    /// The parser's sentences Gongkai users meet, in Chinese; any other as it is.
    static func sentence(_ text: String) -> String {
        let patterns: [(String, (([String]) -> String))] = [
            (#"^Unknown option '([^']+)'\. Did you mean '([^']+)'\?$"#, { "没有选项 \($0[0])；您是不是要写 \($0[1])？" }),
            (#"^Unknown option '([^']+)'$"#, { "没有选项 \($0[0])。" }),
            (#"^Missing expected argument '([^']+)'$"#, { "缺少参数 \($0[0])。" }),
            (#"^Missing value for '([^']+)'$"#, { "\($0[0]) 后面缺少值。" }),
            (#"^Unexpected argument '([^']+)'$"#, { "多余的参数「\($0[0])」（或没有这个子命令）。" }),
            (#"^\d+ unexpected arguments: (.+)$"#, { "多余的参数：\($0[0])。" }),
            (
                #"^The value '([^']*)' is invalid for '([^']+)'\. Please provide one of (.+)\.$"#,
                { "\($0[1]) 的值「\($0[0])」无效，应为 \(choices($0[2])) 之一。" }
            ),
            (#"^The value '([^']*)' is invalid for '([^']+)'.*$"#, { "\($0[1]) 的值「\($0[0])」无效。" }),
            (#"^Missing expected argument (.+)$"#, { "缺少参数 \($0[0])。" }),
        ]
        for (pattern, render) in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern),
                let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
            else { continue }
            let groups = (1..<match.numberOfRanges).compactMap { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) }
            }
            return render(groups)
        }
        return text
    }
}
