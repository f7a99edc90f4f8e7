import Foundation
import GongkaiCorpus
import GongkaiExtract
import GongkaiForm
import GongkaiStore
import Hummingbird

/// 上传入库: report files, or zip archives of them, stored in the corpus by the same idempotent ingest as
/// `gongkai ingest` (each file read in a worker process; bytes already stored are skipped). The result lists every
/// file: stored (with a link to its report), already stored, unreadable (with the reason), not a report. Each upload is
/// a line of the audit log.
extension WebApp {
    func addUploadRoutes(to router: Router<WebContext>) {
        router.get("/upload") { _, _ in uploadForm() }
        router.post("/upload") { request, context in try await upload(request, context: context) }
        router.get(RouterPath(UploadScript.path)) { _, _ in UploadScript.response() }
    }

    /// Extensions of the files 上传入库 reads; zip archives are opened and their files taken one by one.
    static let uploadExtensions = Ingester.reportExtensions

    func uploadForm() -> Response {
        let limit = options.batchUploadLimit >> 20
        let accepted = (Self.uploadExtensions.sorted().map { ".\($0)" } + [".zip"]).joined(separator: ",")
        let content: HTML = """
            <h1>上传入库</h1>
            <p class="lead">选择一个或多个报告文件（文本、网页、Word、PDF，每个至多 \(WebOptions.uploadLimit >> 20) MB），\
            或装有报告的 zip 压缩包，一次合计至多 \(limit) MB。每个文件都像 <code>gongkai ingest</code> 一样读取、检查并存入\
            报告库；已入库的文件不会重复存入。</p>
            <form class="upload" id="upload-form" method="post" action="/upload" enctype="multipart/form-data">
            \(Visitor.current.csrfField)<label>报告文件或 zip 压缩包 \
            <input type="file" name="files" multiple required accept="\(accepted)"></label>
            <button type="submit">上传并入库</button>
            <progress id="upload-progress" max="100" value="0" hidden></progress>
            <p id="upload-status" class="upload-status" role="status" aria-live="polite"></p>
            </form>
            <p class="notice-box">压缩包最多 \(ZipFiles.Limits.standard.maxEntries) 个文件、解压后合计至多 \
            \(ZipFiles.Limits.standard.maxTotalSize >> 20) MB；压缩比异常的压缩包（“压缩炸弹”）不予读取。\
            每次上传记入操作记录。</p>
            <script src="\(UploadScript.path)" defer></script>

            """
        return Responses.page(Page(title: "上传入库", section: .upload, content: content))
    }

    /// One file of an upload and what became of it.
    struct UploadedFile {
        enum Result {
            case stored(reportID: Int64)
            case alreadyStored(reportID: Int64)
            case unreadable(String)
            case notReport
        }

        var name: String
        var result: Result
    }

    func upload(_ request: Request, context: WebContext) async throws -> Response {
        let user = Visitor.current.user?.name ?? ""
        let body = try await Self.body(request, limit: options.batchUploadLimit)
        guard let boundary = MultipartForm.boundary(contentType: request.headers[.contentType] ?? "") else {
            throw WebError(.unsupportedMediaType, "请用网页上的表单上传文件（multipart/form-data）。")
        }
        let form = try MultipartForm.parsed(body, boundary: boundary)
        let sent = form.parts.filter { $0.name == "files" && $0.fileName != nil && !$0.bytes.isEmpty }
        guard !sent.isEmpty else { throw WebError.badRequest("请选择至少一个报告文件或 zip 压缩包。") }
        // Files to read, by name; and the files refused before reading.
        var toRead: [(name: String, bytes: Data)] = []
        var refused: [UploadedFile] = []
        for part in sent {
            let name = Self.fileName(part.fileName)
            // A zip archive by its name: Word, Excel and other files are zips too, and are taken as they are.
            if Self.fileExtension(name) == "zip" {
                let bytes = part.bytes
                do {
                    // Inflating is work for a thread of its own, not for the requests' pool.
                    for file in try await BlockingWork.run({ try ZipFiles.files(in: bytes) }) {
                        toRead.append((name: "\(name)/\(file.path)", bytes: file.bytes))
                    }
                } catch let refusal as ZipFiles.Refusal {
                    refused.append(UploadedFile(name: name, result: .unreadable(refusal.message)))
                }
            } else {
                toRead.append((name: name, bytes: part.bytes))
            }
        }
        var files: [UploadedFile] = []
        var reports: [(index: Int, name: String, bytes: Data)] = []
        for (index, file) in toRead.enumerated() {
            if Self.uploadExtensions.contains(Self.fileExtension(file.name)) {
                reports.append((index, file.name, file.bytes))
            } else {
                files.append(UploadedFile(name: file.name, result: .notReport))
            }
        }
        files += try await ingest(reports, user: user)
        files += refused
        let order = Dictionary(toRead.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        files.sort { (order[$0.name] ?? Int.max, $0.name) < (order[$1.name] ?? Int.max, $1.name) }
        try await audit("上传入库", Self.summary(files), actor: user, clientAddress(request, context: context))
        return Responses.page(uploadResult(files))
    }

    /// Ingests the files from a temporary folder of their own, one turn at a time, and tells what became of each.
    func ingest(_ reports: [(index: Int, name: String, bytes: Data)], user: String) async throws -> [UploadedFile] {
        guard !reports.isEmpty else { return [] }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gongkai-upload-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var recorded: [String: String] = [:]
        var paths: [String] = []
        var hashes: [String: String] = [:]
        for report in reports {
            let path = folder.appendingPathComponent("\(report.index).\(Self.fileExtension(report.name))").path
            try report.bytes.write(to: URL(fileURLWithPath: path))
            recorded[path] = "上传/\(user)/\(report.name)"
            hashes[path] = SHA256.hex(report.bytes)
            paths.append(path)
        }
        var ingester = Ingester(store: store, jobs: min(options.readers, paths.count))
        ingester.isolation = options.isolation
        let names = recorded
        ingester.recordedPath = { names[$0] ?? $0 }
        let pathList = paths
        let configured = ingester
        let summary = try await uploadTurns.run {
            do {
                return try await BlockingWork.run { try configured.run(files: pathList) }
            } catch let error as StoreError {
                throw WebError(.internalServerError, "报告库暂时无法写入：\(error.description)")
            }
        }
        var files: [UploadedFile] = []
        for (path, report) in zip(paths, reports) {
            let result: UploadedFile.Result
            switch summary.outcomes[path] {
            case .stored(let reportID): result = .stored(reportID: reportID)
            case .failed(let reason): result = .unreadable(reason)
            case .known, nil:
                let hash = hashes[path] ?? ""
                switch try await query({ try $0.knownContent(hash) }) {
                case .report(let id): result = .alreadyStored(reportID: id)
                case .failure(let reason): result = .unreadable(reason)
                case nil: result = .unreadable("未能入库，请重新上传。")
                }
            }
            files.append(UploadedFile(name: report.name, result: result))
        }
        return files
    }

    static func fileExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), !name[name.index(after: dot)...].contains("/") else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// The upload in one line of the audit log: counts, then the files' names.
    static func summary(_ files: [UploadedFile]) -> String {
        var stored = 0
        var already = 0
        var unreadable = 0
        var notReports = 0
        for file in files {
            switch file.result {
            case .stored: stored += 1
            case .alreadyStored: already += 1
            case .unreadable: unreadable += 1
            case .notReport: notReports += 1
            }
        }
        let names = files.prefix(20).map { file -> String in
            switch file.result {
            case .stored(let id): "\(file.name)（报告 \(id)）"
            case .alreadyStored(let id): "\(file.name)（已有，报告 \(id)）"
            case .unreadable: "\(file.name)（无法读取）"
            case .notReport: "\(file.name)（不是报告）"
            }
        }
        let more = files.count > 20 ? "等" : ""
        return "\(files.count) 个文件：新增 \(stored) 份，已在库中 \(already) 份，无法读取 \(unreadable) 个，"
            + "不是报告 \(notReports) 个；" + names.joined(separator: "、") + more
    }

    func uploadResult(_ files: [UploadedFile]) -> Page {
        let rows = files.map { file -> HTML in
            let (kind, detail): (HTML, HTML) =
                switch file.result {
                case .stored(let id): ("<span class=\"ok\">已入库</span>", "<a href=\"/reports/\(id)\">查看报告</a>")
                case .alreadyStored(let id):
                    ("<span class=\"same\">已在库中</span>", "相同的文件此前已入库：<a href=\"/reports/\(id)\">查看报告</a>")
                case .unreadable(let reason): ("<span class=\"bad\">无法读取</span>", "\(reason)")
                case .notReport: ("<span class=\"bad\">不是报告</span>", "只读取文本、网页、Word、PDF 文件和 zip 压缩包。")
                }
            return "<tr><td>\(file.name)</td><td>\(kind)</td><td>\(detail)</td></tr>\n"
        }
        let content: HTML = """
            <h1>上传结果</h1>
            <p class="lead">\(Self.summary(files).split(separator: "；").first.map(String.init) ?? "")。</p>
            <table class="upload-result">
            <thead><tr><th>文件</th><th>结果</th><th>说明</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            <ul class="downloads"><li><a href="/upload">继续上传</a></li><li><a href="/reports">报告库</a></li></ul>

            """
        return Page(title: "上传结果", section: .upload, content: content)
    }
}

/// Uploads stored one after another: each ingest already reads its files on every reader, so two at once would
/// only share them; an upload that would wait behind too many others is turned away (503).
actor UploadTurns {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private let waitingLimit: Int

    init(waitingLimit: Int) { self.waitingLimit = waitingLimit }

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if busy {
            guard waiting.count < waitingLimit else {
                throw WebError(.serviceUnavailable, "服务器正忙：正在入库的上传太多，请稍后再试。")
            }
            await withCheckedContinuation { waiting.append($0) }
        }
        busy = true
        defer {
            if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        }
        return try await body()
    }
}
