import Foundation
import GongkaiCorpus
import GongkaiOutput
import GongkaiStore
import Hummingbird
import Synchronization

/// 报告库's downloads: every report the listing's filters select (not only the page shown), as the long CSV of
/// `gongkai export --format csv` (one figure a row, the columns of Docs/data.md) or as the workbook of
/// `gongkai export --format xlsx`.
extension WebApp {
    /// A workbook is built whole in memory; above this many reports the page offers the CSV instead.
    static let workbookLimit = 5_000

    /// The links under the listing: its filters, without page and order.
    func exportLinks(_ parameters: ListParameters, total: Int) -> HTML {
        guard total > 0 else { return "" }
        var filters = parameters
        filters.order = .year
        let query = filters.filterString
        let workbook: HTML =
            total <= Self.workbookLimit
            ? "<li><a href=\"/reports.xlsx?\(query)\" download>Excel 工作簿（每份报告一行）</a></li>"
            : "<li>Excel 工作簿：超过 \(Self.workbookLimit) 份报告，请缩小范围或下载 CSV</li>"
        return """
            <p class="downloads-lead">下载符合条件的全部 \(total) 份报告（不只本页）：</p>
            <ul class="downloads">
            <li><a href="/reports.csv?\(query)" download>CSV（每个数字一行）</a></li>
            \(workbook)
            </ul>

            """
    }

    /// The filters of a download: the listing's, with its region checked first so that an unknown one is a 400 page
    /// before anything is sent.
    func exportFilter(_ request: Request) async throws -> (filter: ReportFilter, total: Int, name: String) {
        let parameters = try ListParameters(FormFields(request.uri.query ?? ""), defaultPerPage: options.pageSize)
        var counting = parameters.query
        counting.limit = 0
        counting.offset = 0
        let query = counting
        let total = try await self.query { try $0.reportPage(query).total }
        var name = "报告库"
        if let region = parameters.region { name += "-" + region }
        if let year = parameters.year { name += "-\(year)年" }
        return (ReportFilter(query), total, name)
    }

    /// `/reports.csv`: streamed a report at a time, at most a few chunks of 64 KB held while the client reads.
    func reportsCSV(_ request: Request) async throws -> Response {
        let (filter, _, name) = try await exportFilter(request)
        let store = store
        let body = ResponseBody { writer in
            let pipe = ChunkPipe()
            async let produced: Void = BlockingWork.run {
                try pipe.produce { emit in
                    try emit(ReportCSV.headerBytes)
                    try store.forEachReport(filter) { try emit(CorpusExport.csvRows($0)) }
                }
            }
            do {
                for try await chunk in pipe.stream {
                    try await writer.write(ByteBuffer(bytes: chunk))
                    pipe.taken()
                }
            } catch {
                pipe.cancel()
                try? await produced
                throw error
            }
            try await produced
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: Responses.disposition(fileName: "reports.csv", displayName: name + ".csv"),
            ],
            body: body
        )
    }

    /// `/reports.xlsx`: refused (413) above ``workbookLimit`` reports.
    func reportsWorkbook(_ request: Request) async throws -> Response {
        let (filter, total, name) = try await exportFilter(request)
        guard total <= Self.workbookLimit else {
            throw WebError(
                .contentTooLarge,
                "符合条件的报告有 \(total) 份，超过 Excel 下载 \(Self.workbookLimit) 份的上限；请缩小筛选范围，"
                    + "或下载 CSV，或用 gongkai export --format xlsx 导出。"
            )
        }
        return Responses.attachment(
            try await workbook(filter),
            contentType: Self.xlsxType,
            fileName: "reports.xlsx",
            displayName: name + ".xlsx"
        )
    }
}

extension ListParameters {
    /// The query string of the filters alone (no page, order or page size).
    var filterString: String {
        var pairs: [(String, String)] = []
        if let year { pairs.append(("year", String(year))) }
        if let region { pairs.append(("region", region)) }
        if let agency { pairs.append(("agency", agency)) }
        if let template { pairs.append(("template", template)) }
        if let findings { pairs.append(("findings", findings.rawValue)) }
        return pairs.map { "\($0)=\(FormFields.encode($1))" }.joined(separator: "&")
    }
}

/// Bytes handed from a blocking producer (a store query) to the response's writer: chunks of about 64 KB, at most
/// ``capacity`` of them waiting, so that a slow client holds the producer back instead of filling memory. When the
/// client goes away the producer's next chunk stops it.
final class ChunkPipe: Sendable {
    static let chunkSize = 65_536
    static let capacity = 4

    let stream: AsyncThrowingStream<[UInt8], any Error>
    let continuation: AsyncThrowingStream<[UInt8], any Error>.Continuation
    private let space = DispatchSemaphore(value: ChunkPipe.capacity)
    private let cancelled = Mutex(false)

    init() {
        (stream, continuation) = AsyncThrowingStream.makeStream(bufferingPolicy: .unbounded)
        continuation.onTermination = { [weak self] _ in self?.cancel() }
    }

    /// Runs the producer, giving it a function that queues bytes; the stream ends when it returns or throws.
    func produce(_ body: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(Self.chunkSize + 32_768)
        do {
            try body { bytes in
                buffer += bytes
                if buffer.count >= Self.chunkSize {
                    try send(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            if !buffer.isEmpty { try send(buffer) }
            continuation.finish()
        } catch {
            continuation.finish(throwing: error)
            throw error
        }
    }

    private func send(_ chunk: [UInt8]) throws {
        space.wait()
        if cancelled.withLock({ $0 }) { throw CancellationError() }
        continuation.yield(chunk)
    }

    /// The writer has sent a chunk: room for another.
    func taken() { space.signal() }

    /// The writer stopped: the producer's next chunk throws.
    func cancel() {
        let first = cancelled.withLock { cancelled in
            defer { cancelled = true }
            return !cancelled
        }
        if first { space.signal() }
    }
}
