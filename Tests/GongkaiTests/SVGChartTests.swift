import Foundation
import Testing

@testable import GongkaiServer

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The charts the server draws: well-formed XML, bars and points where their values put them, labels escaped, a
/// name and description for screen readers, and patterns that tell the series apart without colour.
@Suite("SVG charts")
struct SVGChartTests {
    /// The elements of an SVG document, parsed by Foundation's XML parser; a document that is not well-formed
    /// fails the test.
    final class Elements: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        var texts: [String] = []
        var current = ""

        func parser(
            _ parser: XMLParser,
            didStartElement name: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elements.append((name, attributes))
            current = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if !current.isEmpty { texts.append(current) }
            current = ""
        }

        static func parse(_ svg: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Elements {
            let parser = XMLParser(data: Data(svg.utf8))
            let elements = Elements()
            parser.delegate = elements
            #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")", sourceLocation: sourceLocation)
            return elements
        }

        func all(_ name: String) -> [[String: String]] { elements.filter { $0.name == name }.map(\.attributes) }
    }

    static func bars(_ kind: SVGChart.Kind) -> SVGChart {
        SVGChart(
            id: "c1",
            title: "本年新收<申请> & \"件数\"",
            kind: kind,
            categories: ["2022", "2023", "<script>"],
            series: [
                .init(name: "自然人", values: [120, 45, nil]),
                .init(name: "法人或其他组织 & 其他", values: [30, 0, 7]),
            ],
            categoryLabel: "年度",
            valueLabel: "申请数（件）"
        )
    }

    @Test(
        "upright bars: well-formed, each bar's height its share of the axis, the axis a round number above the largest"
    )
    func uprightBars() throws {
        let chart = Self.bars(.bars)
        #expect(chart.scale.maximum == 150)
        let parsed = Elements.parse(chart.svg.markup)
        let svg = try #require(parsed.all("svg").first)
        #expect(svg["role"] == "img")
        #expect(svg["aria-labelledby"] == "c1-title c1-desc")
        #expect(parsed.all("title").first?["id"] == "c1-title")
        #expect(parsed.texts.contains("本年新收<申请> & \"件数\""))
        let bars = parsed.all("rect").filter { $0["data-value"] != nil }
        #expect(bars.map { $0["data-value"] } == ["120", "30", "45", "0", "7"])
        let plot = chart.plot
        for bar in bars {
            let value = try #require(Double(bar["data-value"] ?? ""))
            let y = try #require(Double(bar["y"] ?? ""))
            let height = try #require(Double(bar["height"] ?? ""))
            #expect(abs(height - value / 150 * (plot.bottom - plot.top)) < 0.11)
            #expect(abs(y + height - plot.bottom) < 0.11)
        }
        // The second series is drawn with a pattern, not a colour alone, and the legend shows it.
        #expect(bars[1]["fill"] == "url(#c1-p1)")
        #expect(parsed.all("pattern").contains { $0["id"] == "c1-p1" })
        #expect(parsed.texts.contains("法人或其他组织 & 其他"))
        #expect(parsed.texts.contains("申请数（件）"))
        #expect(parsed.texts.contains("年度"))
    }

    @Test("stacked bars: each series stacked on the one before, the axis above the tallest stack")
    func stackedBars() throws {
        let chart = Self.bars(.stacked)
        #expect(chart.scale.maximum == 150)
        let bars = Elements.parse(chart.svg.markup).all("rect").filter { $0["data-value"] != nil }
        let plot = chart.plot
        let unit = (plot.bottom - plot.top) / 150
        let first = try #require(bars.first)
        let second = bars[1]
        #expect(abs((Double(first["y"] ?? "") ?? 0) - (plot.bottom - 120 * unit)) < 0.11)
        #expect(abs((Double(second["y"] ?? "") ?? 0) - (plot.bottom - 150 * unit)) < 0.11)
        #expect(abs((Double(second["height"] ?? "") ?? 0) - 30 * unit) < 0.11)
        #expect(first["x"] == second["x"])
    }

    @Test("lines: a point for each value at its height, a gap where there is none, the series named at its end")
    func lines() throws {
        let chart = SVGChart(
            id: "rates",
            title: "公开率",
            kind: .lines,
            categories: ["2020", "2021", "2022", "2023"],
            series: [
                .init(name: "公开率", values: [0.5, nil, 0.25, 0.125]),
                .init(name: "纠错率", values: [0.1, 0.2, 0.3, 0.4]),
            ],
            categoryLabel: "年度",
            valueLabel: "比例（%）",
            percent: true
        )
        let parsed = Elements.parse(chart.svg.markup)
        let paths = parsed.all("path").filter { $0["fill"] == "none" }
        #expect(paths.count == 2)
        let first = try #require(paths.first?["d"])
        // Two runs: 2020, then 2022–2023 after the gap.
        #expect(first.components(separatedBy: "M").count - 1 == 2)
        #expect(first.components(separatedBy: "L").count - 1 == 1)
        #expect(paths[1]["stroke-dasharray"] != paths[0]["stroke-dasharray"])
        let circles = parsed.all("circle").filter { $0["r"] == "4" }
        #expect(circles.count == 3)
        let plot = chart.plot
        let top = chart.scale.maximum
        #expect(abs(top - 0.6) < 1e-9)
        for (circle, value) in zip(circles, [0.5, 0.25, 0.125]) {
            let y = try #require(Double(circle["cy"] ?? ""))
            #expect(abs(y - (plot.bottom - value / top * (plot.bottom - plot.top))) < 0.11)
        }
        #expect(parsed.texts.contains("纠错率"))
        #expect(parsed.texts.contains("60%"))
        #expect(chart.table.markup.contains("<td class=\"n\">50.0%</td>"))
        #expect(chart.table.markup.contains("<td class=\"n\">—</td>"))
        #expect(chart.table.markup.contains("<td class=\"n\">12.5%</td>"))
    }

    @Test("lying bars: each bar's length its share of the axis, long names beside them, escaped")
    func lyingBars() throws {
        let chart = SVGChart(
            id: "rank",
            title: "排名",
            kind: .horizontal,
            categories: ["淮安市洪泽区人民政府", "R2 表三总计列"],
            series: [.init(name: "报告数", values: [8, 3])],
            categoryLabel: "机关",
            valueLabel: "份"
        )
        let parsed = Elements.parse(chart.svg.markup)
        let bars = parsed.all("rect").filter { $0["data-value"] != nil }
        let plot = chart.plot
        #expect(chart.scale.maximum == 8)
        for bar in bars {
            let value = try #require(Double(bar["data-value"] ?? ""))
            #expect(abs((Double(bar["width"] ?? "") ?? 0) - value / 8 * (plot.right - plot.left)) < 0.11)
            #expect(bar["x"] == SVGChart.coordinate(plot.left))
        }
        #expect(parsed.texts.contains("淮安市洪泽区人民政府"))
        #expect(plot.left > SVGChart.textWidth("淮安市洪泽区人民政府"))
    }

    @Test("report text in a chart is text: markup in a label never becomes an element")
    func escaping() throws {
        let chart = Self.bars(.bars)
        let markup = chart.svg.markup + chart.table.markup
        #expect(!markup.contains("<script>"))
        #expect(markup.contains("&lt;script&gt;"))
        #expect(!markup.contains("<申请>"))
        let parsed = Elements.parse(chart.svg.markup)
        #expect(!parsed.elements.contains { $0.name == "script" })
        #expect(parsed.texts.contains("<script>"))
        let table = Elements.parse(chart.table.markup)
        #expect(table.all("th").count == 3 + 3)
    }

    @Test("the series colours keep 4.5:1 against white, so that a line's name in its colour reads as text")
    func colours() throws {
        for colour in SVGChart.colours {
            let ratio = (1.05) / (ServerPartsTests.luminance(colour) + 0.05)
            #expect(ratio >= 4.5, "\(colour): \(ratio)")
        }
    }

    @Test("axis maxima are round: 1, 2, 2.5 or 5 times a power of ten, at or above the largest value")
    func niceScale() {
        #expect(SVGChart.niceScale(0).maximum == 1)
        #expect(SVGChart.niceScale(7).maximum == 8)
        #expect(SVGChart.niceScale(120).maximum == 150)
        #expect(SVGChart.niceScale(51_000).maximum == 60_000)
        #expect(SVGChart.niceScale(0.076).maximum >= 0.076)
    }
}
