import Foundation
import GongkaiTools

extension TemporaryFolder {
    /// A new temporary folder holding `data` as the file `name`, for a program that reads files, not pipes.
    static func holding(_ data: Data, as name: String, purpose: String) throws(ExtractError) -> TemporaryFolder {
        do {
            let folder = try TemporaryFolder(purpose)
            do {
                try data.write(to: folder.file(name))
            } catch {
                folder.remove()
                throw error
            }
            return folder
        } catch {
            throw .unreadable("无法写入临时文件（\(error.localizedDescription)）。")
        }
    }
}
