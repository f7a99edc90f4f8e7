import Foundation
import GongkaiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import Yams

@testable import GongkaiServer

/// The OpenAPI document served at `/api/v1/openapi.yaml` describes exactly the API's routes, and every answer the
/// API gives on a real corpus holds to the schema the document names for it. (CI also runs schemathesis against a
/// live server with the same document.)
@Suite("OpenAPI document")
struct OpenAPITests {
    static func document(_ client: some TestClientProtocol) async throws -> JSONValue {
        let response = try await client.execute(uri: "/api/v1/openapi.yaml", method: .get)
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "application/yaml; charset=utf-8")
        return try JSONValue(yaml: try #require(try Yams.load(yaml: String(buffer: response.body))))
    }

    static func check(_ document: JSONValue) throws -> JSONSchemaCheck {
        JSONSchemaCheck(documents: ["openapi.yaml": document])
    }

    @Test("an OpenAPI 3.1 document naming every route of the API and no other, each with its answers described")
    func routes() async throws {
        try await ServerTests.application(try StoreBackend.sqlite.make()).test(.router) { client in
            let document = try await Self.document(client)
            #expect(document["openapi"]?.string == "3.1.0")
            var documented: Set<String> = []
            for (path, item) in document["paths"]?.objectMembers ?? [] {
                for (method, operation) in item.objectMembers {
                    documented.insert("\(method.uppercased()) \(path)")
                    #expect(operation["operationId"]?.string != nil, "\(method) \(path)")
                    #expect(operation["responses"]?["200"] != nil, "\(method) \(path)")
                }
            }
            let routes = Set(WebApp.apiRoutes.map { "\($0.method.rawValue) \($0.path)" })
            #expect(documented == routes)
            // Every keyword of the schemas is one the check below knows, so none is skipped.
            let check = try Self.check(document)
            #expect(check.unsupportedKeywords(under: ["components", "schemas"]) == [])
        }
    }

    @Test("the checked report's schema is Docs/schema/report.schema.json, its references pointed into the document")
    func reportSchemaIsTheDocumentedOne() async throws {
        let file = try String(
            contentsOf: JSONSchemaCheck.folder.appendingPathComponent("report.schema.json"),
            encoding: .utf8
        )
        #expect(OpenAPIDocument.reportSchema + "\n" == file)
        try await ServerTests.application(try StoreBackend.sqlite.make()).test(.router) { client in
            let document = try await Self.document(client)
            let embedded = try #require(document["components"]?["schemas"]?["CheckedReport"])
            let published = try JSONValue.parse(file)
            #expect(embedded["required"] == published["required"])
            #expect(
                embedded["$defs"]?.objectMembers.map(\.key).sorted()
                    == published["$defs"]?.objectMembers.map(\.key).sorted()
            )
            #expect(embedded["$id"] == nil)
        }
    }

    @Test("every answer of the API on a real corpus holds to the document's schema", arguments: StoreBackend.all)
    func answersHoldToTheSchema(_ backend: StoreBackend) async throws {
        let corpus = try ServerTests.corpus(backend)
        try await ServerTests.application(corpus.store).test(.router) { client in
            let document = try await Self.document(client)
            let check = try Self.check(document)
            func expectValid(
                _ uri: String,
                method: HTTPRequest.Method = .get,
                body: ByteBuffer? = nil,
                status: HTTPResponse.Status = .ok,
                schema: String
            ) async throws {
                let response = try await client.execute(uri: uri, method: method, body: body)
                #expect(response.status == status, "\(uri)")
                #expect(response.headers[.contentType] == "application/json; charset=utf-8", "\(uri)")
                let answer = try JSONValue.parse(String(buffer: response.body))
                let errors = check.errors(answer, against: "openapi.yaml", at: "#/components/schemas/\(schema)")
                #expect(errors == [], "\(uri)")
            }
            try await expectValid("/api/v1/reports", schema: "ReportList")
            try await expectValid("/api/v1/reports?year=2024&sort=errors&per_page=2&page=2", schema: "ReportList")
            try await expectValid("/api/v1/reports/\(corpus.hongze2024)", schema: "ReportDetail")
            try await expectValid("/api/v1/reports/\(corpus.hostile)", schema: "ReportDetail")
            try await expectValid("/api/v1/agencies", schema: "AgencyList")
            try await expectValid("/api/v1/agencies?q=洪泽", schema: "AgencyList")
            try await expectValid("/api/v1/agencies/\(corpus.hongze)", schema: "AgencyDetail")
            try await expectValid("/api/v1/agencies/\(corpus.zhangzhou)", schema: "AgencyDetail")
            try await expectValid("/api/v1/missing?year=2024", schema: "Missing")
            try await expectValid("/api/v1/missing?year=2024&region=洪泽区", schema: "Missing")
            try await expectValid("/api/v1/rollup?region=3208&year=2024", schema: "Rollup")
            try await expectValid("/api/v1/stats", schema: "Statistics")
            try await expectValid("/api/v1/stats?region=3208&rank=agency&measure=denied&min=1", schema: "Statistics")
            try await expectValid("/api/v1/rollup?region=3208", status: .badRequest, schema: "Error")
            try await expectValid("/api/v1/rollup?region=nowhere&year=2024", status: .notFound, schema: "Error")
            try await expectValid("/api/v1/stats?rank=", status: .badRequest, schema: "Error")
            // A span longer than 40 years keeps its last 40.
            try await expectValid("/api/v1/stats?from=1990&to=2100", schema: "Statistics")
            let long = try await client.execute(uri: "/api/v1/stats?from=1990&to=2100", method: .get)
            #expect(try JSONValue.parse(long.text)["from"]?.integer == 2061)
            // Years the wrong way round are read the right way round.
            let reversed = try JSONValue.parse(
                try await client.execute(uri: "/api/v1/stats?from=2024&to=2020", method: .get).text
            )
            #expect(reversed["from"]?.integer == 2020)
            #expect(reversed["to"]?.integer == 2024)
            let seed = try Fixtures.data("seeds/001_2af83e509e4cbaa8.txt")
            try await expectValid(
                "/api/v1/check?name=seed.txt",
                method: .post,
                body: ByteBuffer(bytes: seed),
                schema: "CheckedReport"
            )
            // The errors the document declares.
            try await expectValid("/api/v1/reports?year=abc", status: .badRequest, schema: "Error")
            try await expectValid("/api/v1/reports/0", status: .badRequest, schema: "Error")
            try await expectValid("/api/v1/reports/999999", status: .notFound, schema: "Error")
            try await expectValid("/api/v1/agencies/999999", status: .notFound, schema: "Error")
            try await expectValid("/api/v1/missing?year=1800", status: .badRequest, schema: "Error")
            try await expectValid("/api/v1/check", method: .post, status: .badRequest, schema: "Error")
            try await expectValid(
                "/api/v1/check",
                method: .post,
                body: ByteBuffer(bytes: Data([0, 1, 2, 3, 0xFF, 0xFE])),
                status: .unprocessableContent,
                schema: "Error"
            )
        }
    }

    @Test("a region that is not in the tree is 404, page and API; another method on an API address is 405 with Allow")
    func regionAndMethod() async throws {
        let corpus = try ServerTests.corpus()
        try await ServerTests.application(corpus.store).test(.router) { client in
            let shanghai = "region=\(FormFields.encode("上海市"))"
            for uri in ["/reports?\(shanghai)", "/api/v1/reports?\(shanghai)", "/api/v1/missing?\(shanghai)"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.text.contains("没有找到地区「上海市」"), "\(uri)")
            }
            let trace = try await client.execute(uri: "/api/v1/reports", method: .trace)
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers[.allow] == "GET, HEAD")
            #expect(try JSONValue.parse(trace.text)["error"]?["message"]?.string == "此地址只接受 GET, HEAD 请求。")
            let get = try await client.execute(uri: "/api/v1/check", method: .get)
            #expect(get.status == .methodNotAllowed)
            #expect(get.headers[.allow] == "POST")
            let head = try await client.execute(uri: "/api/v1/reports", method: .head)
            #expect(head.status == .ok)
        }
    }

    @Test("agencies: search by name or alias, one agency with its versions and findings, the missing ones")
    func agencies() async throws {
        let corpus = try ServerTests.corpus()
        _ = try corpus.store.addAlias("洪泽区政府", for: "淮安市洪泽区人民政府")
        try await ServerTests.application(corpus.store).test(.router) { client in
            let all = try JSONValue.parse(try await client.execute(uri: "/api/v1/agencies", method: .get).text)
            #expect(all["total"]?.integer == all["agencies"]?.array?.count)
            let byAlias = try JSONValue.parse(
                try await client.execute(uri: "/api/v1/agencies?q=\(FormFields.encode("洪泽区政府"))", method: .get).text
            )
            #expect(byAlias["agencies"]?.array?.compactMap { $0["name"]?.string } == ["淮安市洪泽区人民政府"])
            let hongze = try JSONValue.parse(
                try await client.execute(uri: "/api/v1/agencies/\(corpus.hongze)", method: .get).text
            )
            #expect(hongze["agency"]?["name"]?.string == "淮安市洪泽区人民政府")
            #expect(hongze["agency"]?["region"]?["code"]?.string == "320813")
            #expect(hongze["agency"]?["region"]?["name"]?.string == "洪泽区")
            #expect(hongze["reports"]?.array?.compactMap { $0["year"]?.integer } == [2024, 2023])
            #expect(hongze["findings"]?.array?.first?["reportID"]?.integer == Int(corpus.hongze2024))
            let missing = try JSONValue.parse(
                try await client.execute(uri: "/api/v1/missing?year=2024", method: .get).text
            )
            #expect(missing["regionsImported"] == .bool(true))
            #expect(missing["agencies"]?.array?.compactMap { $0["name"]?.string } == ["洪泽区司法局"])
            let tooLong = try await client.execute(
                uri: "/api/v1/agencies?q=\(String(repeating: "局", count: 101))",
                method: .get
            )
            #expect(tooLong.status == .badRequest)
        }
    }
}

extension JSONValue {
    /// A value as Yams loads YAML: dictionaries, arrays, strings, numbers, booleans, null.
    init(yaml: Any) throws {
        switch yaml {
        case let dictionary as [AnyHashable: Any]:
            let members = dictionary.map { ("\($0.key.base)", $0.value) }.sorted { $0.0 < $1.0 }
            self = .object(try members.map { ($0.0, try JSONValue(yaml: $0.1)) })
        case let array as [Any]: self = .array(try array.map { try JSONValue(yaml: $0) })
        case let string as String: self = .string(string)
        case let flag as Bool: self = .bool(flag)
        case let integer as Int: self = .integer(integer)
        case let number as Double: self = .number(number)
        case is NSNull: self = .null
        default: throw JSONSchemaCheck.Unsupported(value: String(describing: yaml))
        }
    }
}
