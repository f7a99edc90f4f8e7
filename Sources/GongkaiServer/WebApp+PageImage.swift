import Foundation
import GongkaiModel
import GongkaiStore
import Hummingbird

/// The pages of a PDF as images — of a checked upload (`/check/{token}/page/{n}.png`) and of a stored report's
/// source file (`/reports/{id}/page/{n}.png`) — and, beside each finding of a PDF, its page with the cell outlined.
extension WebApp {
    func addPageImageRoutes(to router: Router<WebContext>) {
        router.get("/check/{token}/page/{n}.png") { _, context in
            try await checkPageImage(context.parameters.get("token") ?? "", page: context.parameters.get("n") ?? "")
        }
        router.get("/reports/{id}/page/{n}.png") { _, context in
            try await storedPageImage(context.parameters.get("id") ?? "", page: context.parameters.get("n") ?? "")
        }
    }

    func checkPageImage(_ token: String, page pageText: String) async throws -> Response {
        guard CheckResults.isToken(token), let result = results.result(token) else { throw Self.expired }
        guard let pdf = result.pdf else { throw WebError.notFound("此报告不是 PDF 文件，没有页面图像。") }
        return try await pageImage(hash: pdf.hash, page: pageText) { pdf.bytes }
    }

    func storedPageImage(_ idText: String, page pageText: String) async throws -> Response {
        let id = try Self.id(idText, of: "报告")
        guard let record = try await query({ try $0.report(id: id)?.record }) else {
            throw WebError.notFound("没有编号为 \(id) 的报告。")
        }
        guard record.sourceFormat == SourceFormat.pdf.rawValue else {
            throw WebError.notFound("此报告的原文件不是 PDF，没有页面图像。")
        }
        let store = store
        return try await pageImage(hash: record.contentHash, page: pageText) {
            guard let bytes = try store.sourceFile(reportID: id)?.bytes else {
                throw WebError.notFound("报告库没有保存此报告的原文件，无法显示其页面。")
            }
            return bytes
        }
    }

    /// A page's PNG image: drawn unless it is kept already; a page the PDF does not have is 404.
    func pageImage(
        hash: String,
        page pageText: String,
        pdf: @escaping @Sendable () throws -> Data
    ) async throws
        -> Response
    {
        guard let page = Int(pageText), page >= 1, page <= 100_000 else {
            throw WebError.notFound("页码应为正整数，收到的是「\(pageText)」。")
        }
        let pages = pages
        let png: Data
        if let known = pages.knownImage(hash, page: page) {
            png = known
        } else {
            png = try await drawing {
                let sizes = try pages.sizes(hash, pdf: pdf) ?? []
                guard page <= sizes.count else {
                    throw WebError.notFound("此 PDF 共 \(sizes.count) 页，没有第 \(page) 页。")
                }
                return try pages.image(hash, page: page, pdf: pdf) ?? Data()
            }
        }
        var response = Response(
            status: .ok,
            headers: [.contentType: "image/png", .contentLength: String(png.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: png))
        )
        response.headers[.cacheControl] = "private, max-age=600"
        return response
    }

    /// Page work on the gate shared with conversions, its failures in Chinese.
    func drawing<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await conversions.run(body)
        } catch let failure as PageImages.Failure {
            switch failure {
            case .missingTool:
                throw WebError(.serviceUnavailable, "服务器未安装 poppler-utils，暂时不能显示 PDF 的页面。")
            case .timedOut:
                throw WebError(.serviceUnavailable, "绘出 PDF 页面超过 \(Int(PageImages.timeLimit)) 秒仍未完成，已停止。")
            case .failed:
                throw WebError(.unprocessableContent, "无法绘出此 PDF 的页面。")
            }
        }
    }

    /// The page of each finding of a checked PDF, by the finding's index.
    func pageViews(_ result: CheckResult) async -> [Int: HTML] {
        guard let pdf = result.pdf else { return [:] }
        let places = result.findings.map { PageView.place($0, figures: result.report.figures) }
        return await pageViews(places, hash: pdf.hash, image: "/check/\(result.token)/page/") { pdf.bytes }
    }

    /// The page of each finding of a stored report whose PDF the corpus holds, by the finding's index.
    func pageViews(_ stored: StoredReport) async -> [Int: HTML] {
        guard stored.source != nil, stored.record.sourceFormat == SourceFormat.pdf.rawValue,
            let id = stored.record.id,
            let figurePlaces = try? await query({ try $0.figurePlaces(reportID: id) })
        else { return [:] }
        // The cell at the finding's own line and column first: the one its place names.
        let places = stored.findings.map { record in
            let ids = FindingList.figureIDs(record)
            let own = ids.filter { id in
                let location = stored.figures[id]?.location
                return location?.line == record.line && location?.column == record.col
            }
            return PageView.place(candidates: (own + ids).map { figurePlaces[$0] })
        }
        let store = store
        return await pageViews(places, hash: stored.record.contentHash, image: "/reports/\(id)/page/") {
            try store.sourceFile(reportID: id)?.bytes ?? Data()
        }
    }

    /// Views of the places that are on a page the PDF has; none when its pages cannot be measured.
    func pageViews(
        _ places: [SourceLocation?],
        hash: String,
        image: String,
        pdf: @escaping @Sendable () throws -> Data
    ) async -> [Int: HTML] {
        guard places.contains(where: { $0?.page != nil }) else { return [:] }
        let pages = pages
        let sizes: [PageImages.PageSize]
        if let known = pages.knownSizes(hash) {
            sizes = known
        } else {
            guard let measured = try? await drawing({ try pages.sizes(hash, pdf: pdf) }) else { return [:] }
            sizes = measured
        }
        var views: [Int: HTML] = [:]
        for (index, place) in places.enumerated() {
            guard let place, let page = place.page, page >= 1, page <= sizes.count else { continue }
            views[index] = PageView.html(
                image: "\(image)\(page).png",
                page: page,
                size: sizes[page - 1],
                box: place.box
            )
        }
        return views
    }
}
