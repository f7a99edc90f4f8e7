import Foundation

/// A chart drawn by the server as inline SVG: bars (grouped or stacked, upright or lying), or lines. Every series
/// has its own fill pattern or line dash and marker besides its colour, so that a chart printed in black and white
/// still tells them apart; lines are labelled at their ends. The SVG is `role="img"`, named by its `<title>` and
/// described by its `<desc>`; the numbers themselves go in a table beside it (``table``).
struct SVGChart: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// Upright bars, the series side by side in each category.
        case bars
        /// Upright bars, the series stacked in each category.
        case stacked
        /// Lying bars, the series side by side; for long category names (agencies, rules).
        case horizontal
        /// One line a series over the categories.
        case lines
    }

    struct Series: Sendable, Hashable {
        var name: String
        /// One value a category; nil where there is none (no bar, a gap in the line).
        var values: [Double?]
    }

    /// Unique on the page: it prefixes the ids of the title, description and patterns.
    var id: String
    var title: String
    var kind: Kind
    var categories: [String]
    var series: [Series]
    /// The categories' axis, e.g. 「年度」.
    var categoryLabel: String
    /// The values' axis with its unit, e.g. 「申请数（件）」.
    var valueLabel: String
    /// Values are fractions shown as percentages, on an axis from 0 to 100 %.
    var percent = false

    // MARK: Geometry

    static let width = 640.0
    static let lineHeight = 16.0
    /// The plot area: left, top, right and bottom edges in the SVG's units.
    var plot: (left: Double, top: Double, right: Double, bottom: Double) {
        switch kind {
        case .horizontal:
            let longest = categories.map(Self.textWidth).max() ?? 0
            let left = min(260, max(60, longest + 16))
            let height = Double(categories.count) * rowHeight
            return (left, 60, Self.width - 40, 60 + height)
        default:
            return (64, 60, Self.width - (kind == .lines ? 110 : 20), 60 + 220)
        }
    }

    /// The height of a category's row of lying bars.
    var rowHeight: Double { Double(max(1, series.count)) * 14 + 10 }

    var height: Double {
        let legend = kind == .lines || series.count < 2 ? 0 : 22.0
        return plot.bottom + 48 + legend
    }

    /// The largest value the axis shows, and the step of its ticks.
    var scale: (maximum: Double, step: Double) {
        var largest = 0.0
        switch kind {
        case .stacked:
            for index in categories.indices {
                largest = max(largest, series.reduce(0) { $0 + max(0, ($1.values[safe: index] ?? nil) ?? 0) })
            }
        default:
            largest = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        }
        guard percent else { return Self.niceScale(largest) }
        // Rates: up to 100 %, in steps of 5, 10, 20 or 25 %.
        let nice = Self.niceScale(min(1, largest))
        return nice.maximum > 0.6 + 1e-9 || largest <= 0 ? (1, 0.2) : nice
    }

    /// An axis maximum of 1, 2 or 5 × 10ⁿ steps that holds the value, in four or five ticks.
    static func niceScale(_ value: Double) -> (maximum: Double, step: Double) {
        guard value > 0 else { return (1, 0.25) }
        let rough = value / 4
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        return (ceil(value / step) * step, step)
    }

    /// How long a label is in the SVG's units: CJK characters are square, others half as wide.
    static func textWidth(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 13 : 7) }
    }

    /// The position of a value along the value axis.
    func position(_ value: Double) -> Double {
        let (maximum, _) = scale
        let fraction = max(0, min(value, maximum)) / maximum
        let plot = plot
        if kind == .horizontal { return plot.left + fraction * (plot.right - plot.left) }
        return plot.bottom - fraction * (plot.bottom - plot.top)
    }

    // MARK: Drawing

    /// Series colours, each at least 4.5:1 against white, so that their labels are as readable as text.
    static let colours = ["#1f4e79", "#8b1a1a", "#2e6b1f", "#5b3f8c", "#7a4f00", "#4a4a4a"]
    static let ink = "#1a1a1a"
    static let grid = "#8c8c8c"

    /// The fill of series `index`: solid, hatched, dotted, cross-hatched … in its colour.
    func fill(_ index: Int) -> String { index == 0 ? Self.colours[0] : "url(#\(id)-p\(index % Self.colours.count))" }

    var patterns: HTML {
        var html: HTML = "<defs>"
        for index in 1..<Self.colours.count {
            let colour = Self.colours[index]
            let marks: HTML
            switch index {
            case 1: marks = "<path d=\"M0,8 L8,0 M-2,2 L2,-2 M6,10 L10,6\" stroke=\"\(colour)\" stroke-width=\"2.2\"/>"
            case 2: marks = "<circle cx=\"4\" cy=\"4\" r=\"2\" fill=\"\(colour)\"/>"
            case 3: marks = "<path d=\"M0,0 L8,8 M8,0 L0,8\" stroke=\"\(colour)\" stroke-width=\"1.6\"/>"
            case 4: marks = "<path d=\"M0,4 L8,4\" stroke=\"\(colour)\" stroke-width=\"2.4\"/>"
            default: marks = "<path d=\"M4,0 L4,8\" stroke=\"\(colour)\" stroke-width=\"2.4\"/>"
            }
            html += """
                <pattern id="\(id)-p\(index)" width="8" height="8" patternUnits="userSpaceOnUse">\
                <rect width="8" height="8" fill="#ffffff"/>\(marks)</pattern>
                """
        }
        return html + "</defs>\n"
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.1f", value)
    }

    func valueText(_ value: Double) -> String {
        percent ? String(format: "%.1f%%", value * 100) : Self.number(value)
    }

    func tickText(_ value: Double) -> String {
        guard percent else { return Self.number(value) }
        let hundredths = value * 100
        return abs(hundredths - hundredths.rounded()) < 1e-6
            ? "\(Int(hundredths.rounded()))%" : String(format: "%.1f%%", hundredths)
    }

    static func coordinate(_ value: Double) -> String { String(format: "%.1f", value) }

    var svg: HTML {
        let plot = plot
        let c = Self.coordinate
        var body: HTML = ""
        // The value axis: grid lines and tick labels.
        let (maximum, step) = scale
        var tick = 0.0
        while tick <= maximum + step / 1000 {
            let at = position(tick)
            if kind == .horizontal {
                body += """
                    <line x1="\(c(at))" y1="\(c(plot.top))" x2="\(c(at))" y2="\(c(plot.bottom))" stroke="\(Self.grid)" \
                    stroke-width="0.6" stroke-dasharray="2 3"/><text x="\(c(at))" y="\(c(plot.bottom + 16))" \
                    text-anchor="middle">\(tickText(tick))</text>

                    """
            } else {
                body += """
                    <line x1="\(c(plot.left))" y1="\(c(at))" x2="\(c(plot.right))" y2="\(c(at))" stroke="\(Self.grid)" \
                    stroke-width="0.6" stroke-dasharray="2 3"/><text x="\(c(plot.left - 6))" y="\(c(at + 4))" \
                    text-anchor="end">\(tickText(tick))</text>

                    """
            }
            tick += step
        }
        switch kind {
        case .bars, .stacked: body += uprightBars()
        case .horizontal: body += lyingBars()
        case .lines: body += lines()
        }
        // Axes and their labels.
        body += """
            <line x1="\(c(plot.left))" y1="\(c(plot.bottom))" x2="\(c(plot.right))" y2="\(c(plot.bottom))" \
            stroke="\(Self.ink)"/><line x1="\(c(plot.left))" y1="\(c(plot.top))" x2="\(c(plot.left))" \
            y2="\(c(plot.bottom))" stroke="\(Self.ink)"/>

            """
        let (across, upward) = kind == .horizontal ? (valueLabel, categoryLabel) : (categoryLabel, valueLabel)
        body += """
            <text x="\(c((plot.left + plot.right) / 2))" y="\(c(plot.bottom + 36))" text-anchor="middle" \
            class="axis">\(across)</text>
            <text x="\(c(kind == .horizontal ? plot.left - 6 : 4))" y="\(c(plot.top - 14))" \
            text-anchor="\(kind == .horizontal ? "end" : "start")" class="axis">\(upward)</text>

            """
        if kind != .lines && series.count > 1 { body += legend(y: plot.bottom + 58) }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \(Int(Self.width)) \(Int(height))" \
            role="img" aria-labelledby="\(id)-title \(id)-desc" font-size="12" fill="\(Self.ink)" \
            font-family="'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif">
            <title id="\(id)-title">\(title)</title>
            <desc id="\(id)-desc">\(description)</desc>
            \(patterns)<text x="0" y="18" font-size="15" font-weight="bold">\(title)</text>
            \(body)</svg>
            """
    }

    /// What the chart shows, in a sentence, for a screen reader; the numbers are in the table beside it.
    var description: String {
        let names = series.map(\.name).joined(separator: "、")
        return "\(categoryLabel)：\(categories.joined(separator: "、"))；\(names)。各数值见图旁的表格。"
    }

    func uprightBars() -> HTML {
        let plot = plot
        let c = Self.coordinate
        var html: HTML = ""
        let band = (plot.right - plot.left) / Double(max(1, categories.count))
        let groups = kind == .stacked ? 1 : max(1, series.count)
        let barWidth = min(48, band * 0.8 / Double(groups))
        for (index, category) in categories.enumerated() {
            let start = plot.left + band * Double(index) + (band - barWidth * Double(groups)) / 2
            var base = plot.bottom
            for (number, series) in series.enumerated() {
                guard let value = series.values[safe: index] ?? nil else { continue }
                let x = kind == .stacked ? start : start + barWidth * Double(number)
                let top: Double
                if kind == .stacked {
                    top = base - (plot.bottom - position(max(0, value)))
                } else {
                    top = position(max(0, value))
                }
                let bottom = kind == .stacked ? base : plot.bottom
                html += """
                    <rect x="\(c(x))" y="\(c(top))" width="\(c(barWidth))" height="\(c(bottom - top))" \
                    fill="\(fill(number))" stroke="\(Self.colours[number % Self.colours.count])" stroke-width="1" \
                    data-value="\(Self.number(value))"><title>\(category) \(series.name)：\(valueText(value))</title></rect>

                    """
                if kind == .bars && barWidth >= 22 {
                    html += """
                        <text x="\(c(x + barWidth / 2))" y="\(c(top - 3))" text-anchor="middle" font-size="10">\
                        \(valueText(value))</text>

                        """
                }
                base = top
            }
            html += """
                <text x="\(c(plot.left + band * (Double(index) + 0.5)))" y="\(c(plot.bottom + 16))" \
                text-anchor="middle">\(category)</text>

                """
        }
        return html
    }

    func lyingBars() -> HTML {
        let plot = plot
        let c = Self.coordinate
        var html: HTML = ""
        for (index, category) in categories.enumerated() {
            let top = plot.top + rowHeight * Double(index) + 5
            for (number, series) in series.enumerated() {
                guard let value = series.values[safe: index] ?? nil else { continue }
                let y = top + 14 * Double(number)
                let end = position(max(0, value))
                html += """
                    <rect x="\(c(plot.left))" y="\(c(y))" width="\(c(end - plot.left))" height="12" \
                    fill="\(fill(number))" stroke="\(Self.colours[number % Self.colours.count])" stroke-width="1" \
                    data-value="\(Self.number(value))"><title>\(category) \(series.name)：\(valueText(value))</title></rect>\
                    <text x="\(c(end + 4))" y="\(c(y + 10))" font-size="10">\(valueText(value))</text>

                    """
            }
            html += """
                <text x="\(c(plot.left - 6))" y="\(c(top + rowHeight / 2))" text-anchor="end">\(category)</text>

                """
        }
        return html
    }

    static let dashes = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"]

    func lines() -> HTML {
        let plot = plot
        let c = Self.coordinate
        var html: HTML = ""
        let band = (plot.right - plot.left) / Double(max(1, categories.count))
        func x(_ index: Int) -> Double { plot.left + band * (Double(index) + 0.5) }
        for (index, category) in categories.enumerated() {
            html +=
                "<text x=\"\(c(x(index)))\" y=\"\(c(plot.bottom + 16))\" text-anchor=\"middle\">\(category)</text>\n"
        }
        var labelled: [Double] = []
        for (number, series) in series.enumerated() {
            let colour = Self.colours[number % Self.colours.count]
            var path = ""
            var last: (x: Double, y: Double)?
            var pen = false
            for index in categories.indices {
                guard let value = series.values[safe: index] ?? nil else {
                    pen = false
                    continue
                }
                let point = (x: x(index), y: position(value))
                path += (pen ? " L" : " M") + "\(c(point.x)),\(c(point.y))"
                pen = true
                last = point
                html += marker(
                    number,
                    at: point,
                    colour: colour,
                    label: "\(category(index)) \(series.name)：\(valueText(value))"
                )
            }
            guard let last else { continue }
            html += """
                <path d="\(path.trimmingCharacters(in: .whitespaces))" fill="none" stroke="\(colour)" stroke-width="2" \
                stroke-dasharray="\(Self.dashes[number % Self.dashes.count])"/>

                """
            // The series named at its end, moved down where it would cover another's name.
            var y = last.y + 4
            while labelled.contains(where: { abs($0 - y) < 13 }) { y += 13 }
            labelled.append(y)
            html += "<text x=\"\(c(last.x + 10))\" y=\"\(c(y))\" fill=\"\(colour)\">\(series.name)</text>\n"
        }
        return html
    }

    func category(_ index: Int) -> String { categories[safe: index] ?? "" }

    /// A marker of series `number`: circle, square, triangle, diamond … outlined in its colour.
    func marker(_ number: Int, at point: (x: Double, y: Double), colour: String, label: String) -> HTML {
        let c = Self.coordinate
        let (x, y) = point
        let shape: HTML
        switch number % 4 {
        case 0: shape = "<circle cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"4\" fill=\"\(colour)\">"
        case 1:
            shape =
                "<rect x=\"\(c(x - 4))\" y=\"\(c(y - 4))\" width=\"8\" height=\"8\" fill=\"#ffffff\" stroke=\"\(colour)\" stroke-width=\"2\">"
        case 2:
            shape =
                "<path d=\"M\(c(x)),\(c(y - 5)) L\(c(x + 5)),\(c(y + 4)) L\(c(x - 5)),\(c(y + 4)) Z\" fill=\"\(colour)\">"
        default:
            shape =
                "<path d=\"M\(c(x)),\(c(y - 5)) L\(c(x + 5)),\(c(y)) L\(c(x)),\(c(y + 5)) L\(c(x - 5)),\(c(y)) Z\" fill=\"#ffffff\" stroke=\"\(colour)\" stroke-width=\"2\">"
        }
        let close: HTML = number % 4 == 1 ? "</rect>" : number % 4 == 0 ? "</circle>" : "</path>"
        return shape + "<title>\(label)</title>" + close + "\n"
    }

    func legend(y: Double) -> HTML {
        let c = Self.coordinate
        var html: HTML = ""
        var x = plot.left
        for (number, series) in series.enumerated() {
            html += """
                <rect x="\(c(x))" y="\(c(y - 11))" width="14" height="14" fill="\(fill(number))" \
                stroke="\(Self.colours[number % Self.colours.count])"/><text x="\(c(x + 19))" y="\(c(y))">\(series.name)</text>

                """
            x += 34 + Self.textWidth(series.name)
        }
        return html
    }

    // MARK: The numbers

    /// The chart's numbers as a table: a row a category, a column a series.
    var table: HTML {
        var html: HTML = """
            <table class="list chart-data" aria-describedby="\(id)-title">
            <caption>\(title)（数据）</caption>
            <thead><tr><th scope="col">\(categoryLabel)</th>
            """
        for series in series { html += "<th scope=\"col\" class=\"n\">\(series.name)</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for (index, category) in categories.enumerated() {
            html += "<tr><th scope=\"row\">\(category)</th>"
            for series in series {
                html += "<td class=\"n\">\(series.values[safe: index].flatMap { $0 }.map(valueText) ?? "—")</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table>"
    }

    /// The chart and its table side by side (one above the other on a narrow screen), with a note under them.
    func figure(note: HTML = "") -> HTML {
        """
        <figure class="chart" id="\(id)">
        <div class="chart-svg">\(svg)</div>
        <div class="chart-table scroll">\(table)</div>
        \(note.markup.isEmpty ? "" : HTML(trusted: "<figcaption>\(note.markup)</figcaption>"))
        </figure>

        """
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
