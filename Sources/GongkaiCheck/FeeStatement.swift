import GongkaiModel

/// Whether a text says anything about the 信息处理费 (fees for processing applications).
enum FeeStatement {
    static func mentionsFees(_ text: String) -> Bool {
        if text.includes("处理费") || text.includes("收费") { return true }
        // 「没有…收取任何费用」
        for clause in Clauses.split(text) where clause.includes("收取") && clause.includes("费") {
            return true
        }
        return false
    }
}
