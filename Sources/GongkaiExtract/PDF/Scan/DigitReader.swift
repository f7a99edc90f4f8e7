/// Reads the digits of a value cell from the image of its writing, on its own, without Tesseract: a second reader
/// whose mistakes are not Tesseract's.
///
/// The writing's ink is split into connected pieces; pieces standing over one another (a stroke a pale scan broke)
/// are one glyph. Each glyph as tall as the writing is scaled to a small grid of ink coverage (its proportions kept,
/// so a 「1」 stays thin) and compared with the digits of several fonts (``DigitTemplates``, drawn from fonts, never
/// from scans): it is the digit it resembles most only when it resembles that digit closely and every other digit
/// clearly less. A small dot low between two digits is a decimal point. Anything else (a glyph too wide for one
/// digit, a mark half as tall, a glyph like two digits alike) leaves the whole number unread.
enum DigitReader {
    /// The least resemblance (correlation of the coverage grids, −1 to 1) of a glyph to the digit it is read as.
    static let leastResemblance = 0.72
    /// How much more a glyph must resemble the digit it is read as than any other digit.
    static let leastMargin = 0.06
    /// A glyph wider than this share of the writing's height is no single digit (two digits touching).
    static let widestDigit = 0.9
    /// Two digits' centres stand at least this share of their height apart (three quarters in print).
    static let closestDigits = 0.6
    /// How far apart digits stand, centre to centre, as a share of their height (tabular digits of the fonts
    /// reports print in: half an em apart, some two thirds of an em tall).
    static let digitPitch = 0.72

    /// One glyph read: the digit it most resembles, how closely, and how much more than any other digit.
    struct Glyph: Sendable, Equatable {
        var digit: Int
        var resemblance: Double
        var margin: Double
    }

    /// The number `image` shows (its writing dark on light paper): digits, with at most one decimal point between
    /// them; nil when any glyph of it cannot be read for certain.
    static func number(in image: GrayImage) -> String? {
        guard let glyphs = glyphs(in: image) else { return nil }
        var text = ""
        for glyph in glyphs {
            switch glyph {
            case .point:
                text += "."
            case .digit(let box):
                guard let read = read(image, box: box), read.resemblance >= leastResemblance,
                    read.margin >= leastMargin
                else { return nil }
                text += String(read.digit)
            }
        }
        return text.isEmpty ? nil : text
    }

    /// The least resemblance of a glyph to a digit it may be when it is not read for certain.
    static let leastPossibleResemblance = 0.6

    /// Whether `number` may be what `image` shows, though it was not read for certain: the writing splits into as many
    /// glyphs as `number` has digits and points, in the same order, and each glyph resembles its digit (by
    /// ``leastPossibleResemblance``) as much as any other digit but for ``leastMargin`` (a blurred 「5」 next to
    /// 「6」). A glyph read for certain as another digit rules `number` out.
    static func allows(_ number: String, in image: GrayImage) -> Bool {
        guard let glyphs = glyphs(in: image), glyphs.count == number.count else { return false }
        for (glyph, character) in zip(glyphs, number) {
            switch glyph {
            case .point:
                guard character == "." else { return false }
            case .digit(let box):
                guard let digit = character.wholeNumberValue, let scores = scores(image, box: box) else { return false }
                let best = scores.max() ?? 1
                guard scores[digit] >= leastPossibleResemblance, scores[digit] > best - leastMargin else {
                    return false
                }
            }
        }
        return true
    }

    enum Piece: Sendable, Equatable {
        case digit(PixelRect)
        case point
    }

    /// The glyphs of the writing, left to right; nil when a mark is neither a digit nor a decimal point between
    /// digits. Specks before the first digit or after the last are left out.
    static func glyphs(in image: GrayImage) -> [Piece]? {
        let darkest = image.pixels.min() ?? 255
        guard darkest < 200 else { return nil }
        // Ink: at least three tenths as dark as the darkest pixel (a pale scan's thin strokes are light grey).
        let threshold = UInt8(255 - (255 - Int(darkest)) * 3 / 10)
        let pieces = components(image, threshold: threshold)
        guard let tallest = pieces.map(\.height).max(), tallest >= 6 else { return nil }
        // Pieces of some size standing over one another, however little, are one glyph; specks standing over a
        // glyph (above or below it, or inside) are left out of it.
        let isSpeck = { (box: PixelRect) in box.height * 3 < tallest && box.width * 3 < tallest }
        var glyphs: [PixelRect] = []
        for box in pieces.filter({ !isSpeck($0) }).sorted(by: { $0.x0 < $1.x0 }) {
            if let index = glyphs.lastIndex(where: { glyph in min(glyph.x1, box.x1) > max(glyph.x0, box.x0) }) {
                glyphs[index] = glyphs[index].union(box)
            } else {
                glyphs.append(box)
            }
        }
        for speck in pieces where isSpeck(speck) {
            let centre = speck.x0 + speck.width / 2
            if !glyphs.contains(where: { $0.x0 <= centre && centre < $0.x1 }) { glyphs.append(speck) }
        }
        glyphs.sort { $0.x0 < $1.x0 }
        let height = glyphs.map(\.height).max() ?? 0
        guard height >= 6 else { return nil }
        // A glyph as wide as two digits or more is digits run together (a blurred scan joins them): cut where the
        // least ink stands near where tabular digits part.
        glyphs = glyphs.flatMap { glyph -> [PixelRect] in
            guard glyph.height * 10 >= height * 8, glyph.width * 10 > Int(widestDigit * 10) * height else {
                return [glyph]
            }
            return split(image, glyph, height: height, threshold: threshold)
        }
        // Digits stand some three quarters of their height apart (centre to centre) in the fonts reports print in;
        // two tall pieces closer than that, together no wider than a digit, are one digit a pale scan broke (the two
        // sides of a 「0」).
        let isTall = { (box: PixelRect) in box.height * 10 >= height * 8 }
        var index = 0
        while index + 1 < glyphs.count {
            guard isTall(glyphs[index]) else {
                index += 1
                continue
            }
            guard let next = glyphs[(index + 1)...].firstIndex(where: isTall) else { break }
            let apart = (glyphs[next].x0 + glyphs[next].x1) - (glyphs[index].x0 + glyphs[index].x1)
            // Together they must be no wider than one digit: two whole digits of a narrow font stand close too.
            let together = glyphs[index].union(glyphs[next])
            if apart * 10 < height * Int(closestDigits * 20), together.width * 10 <= Int(widestDigit * 10) * height {
                glyphs[index] = glyphs[index...next].dropFirst().reduce(glyphs[index]) { $0.union($1) }
                glyphs.removeSubrange((index + 1)...next)
            } else {
                index += 1
            }
        }
        // Crumbs standing within a digit's breadth are part of it.
        let digits = glyphs.filter(isTall)
        glyphs = glyphs.filter { glyph in
            isTall(glyph)
                || !digits.contains { $0.x0 <= glyph.x0 + glyph.width / 2 && glyph.x0 + glyph.width / 2 < $0.x1 }
        }
        let top = glyphs.filter { $0.height * 10 >= height * 6 }.map(\.y0).min() ?? 0
        let bottom = glyphs.filter { $0.height * 10 >= height * 6 }.map(\.y1).max() ?? 0
        let tall = glyphs.indices.filter { isTall(glyphs[$0]) }
        guard let firstDigit = tall.first, let lastDigit = tall.last else { return nil }
        var result: [Piece] = []
        for (index, glyph) in glyphs.enumerated() {
            let isTiny = glyph.height * 3 <= height && glyph.width * 3 <= height
            if isTall(glyph) {
                guard glyph.width * 10 <= Int(widestDigit * 10) * height, glyph.y0 <= top + height / 5,
                    glyph.y1 >= bottom - height / 5
                else { return nil }
                result.append(.digit(glyph))
            } else if isTiny, index < firstDigit || index > lastDigit {
                // A speck before or after the number: no number starts or ends with a point.
                continue
            } else if isTiny, glyph.y1 >= bottom - height / 6, result.last != .point {
                result.append(.point)
            } else {
                return nil
            }
        }
        guard result.count(where: { $0 == .point }) <= 1 else { return nil }
        return result
    }

    /// `glyph`, digits run together, cut into as many digits as its width holds (digits stand some
    /// ``digitPitch`` of their height apart): each cut at the column with least ink within a fifth of the height of
    /// where it is expected, each part's box its ink.
    static func split(_ image: GrayImage, _ glyph: PixelRect, height: Int, threshold: UInt8) -> [PixelRect] {
        let count = Int((Double(glyph.width) / (digitPitch * Double(height))).rounded())
        guard count >= 2 else { return [glyph] }
        func ink(_ x: Int) -> Int {
            (glyph.y0..<glyph.y1).reduce(0) { $0 + 255 - Int(image[x, $1]) }
        }
        var cuts = [glyph.x0]
        let reach = max(1, height / 5)
        for part in 1..<count {
            let expected = glyph.x0 + glyph.width * part / count
            let low = max(cuts[cuts.count - 1] + 2, expected - reach)
            let high = min(glyph.x1 - 2, expected + reach)
            guard low < high, let cut = (low...high).min(by: { ink($0) < ink($1) }) else { return [glyph] }
            cuts.append(cut)
        }
        cuts.append(glyph.x1)
        return zip(cuts, cuts.dropFirst()).compactMap { start, end -> PixelRect? in
            var box: PixelRect?
            for y in glyph.y0..<glyph.y1 {
                for x in start..<end where image[x, y] < threshold {
                    box =
                        box.map { $0.union(PixelRect(x0: x, y0: y, x1: x + 1, y1: y + 1)) }
                        ?? PixelRect(x0: x, y0: y, x1: x + 1, y1: y + 1)
                }
            }
            return box
        }
    }

    /// The boxes of the connected pieces (eight-neighbour) of pixels darker than `threshold`.
    static func components(_ image: GrayImage, threshold: UInt8) -> [PixelRect] {
        let (width, height) = (image.width, image.height)
        var seen = [Bool](repeating: false, count: width * height)
        var boxes: [PixelRect] = []
        var stack: [Int] = []
        for start in 0..<(width * height) where !seen[start] && image.pixels[start] < threshold {
            seen[start] = true
            stack.append(start)
            var box = PixelRect(x0: start % width, y0: start / width, x1: start % width + 1, y1: start / width + 1)
            while let index = stack.popLast() {
                let (x, y) = (index % width, index / width)
                box = box.union(PixelRect(x0: x, y0: y, x1: x + 1, y1: y + 1))
                for ny in max(0, y - 1)...min(height - 1, y + 1) {
                    for nx in max(0, x - 1)...min(width - 1, x + 1) {
                        let next = ny * width + nx
                        if !seen[next], image.pixels[next] < threshold {
                            seen[next] = true
                            stack.append(next)
                        }
                    }
                }
            }
            boxes.append(box)
        }
        return boxes
    }

    /// How closely the glyph in `box` of `image` resembles each digit: the best of its templates.
    static func scores(_ image: GrayImage, box: PixelRect) -> [Double]? {
        guard let grid = normalised(features(image, box: box)) else { return nil }
        var best = [Double](repeating: -1, count: 10)
        for template in templates {
            var sum = 0.0
            for index in grid.indices { sum += grid[index] * template.cells[index] }
            best[template.digit] = max(best[template.digit], sum)
        }
        return best
    }

    /// The glyph in `box` of `image` read against every template.
    static func read(_ image: GrayImage, box: PixelRect) -> Glyph? {
        guard let best = scores(image, box: box) else { return nil }
        let ranked = best.indices.sorted { best[$0] > best[$1] }
        return Glyph(digit: ranked[0], resemblance: best[ranked[0]], margin: best[ranked[0]] - best[ranked[1]])
    }

    /// The ink coverage of the glyph in `box`, scaled to fit the templates' grid with its proportions kept and
    /// centred, as scripts/make-digit-templates computes the templates'. Darkness is measured against the glyph's
    /// darkest pixel, so a pale glyph covers as much as a black one.
    static func features(_ image: GrayImage, box: PixelRect) -> [Double] {
        let (gridWidth, gridHeight) = (DigitTemplates.width, DigitTemplates.height)
        var darkest: UInt8 = 255
        for y in box.y0..<box.y1 {
            for x in box.x0..<box.x1 { darkest = min(darkest, image[x, y]) }
        }
        let range = max(1, 255 - Double(darkest))
        func darkness(_ x: Int, _ y: Int) -> Double { min(1, (255 - Double(image[x, y])) / range) }
        let scale = min(Double(gridHeight) / Double(box.height), Double(gridWidth) / Double(box.width))
        let offsetX = (Double(gridWidth) - Double(box.width) * scale) / 2
        let offsetY = (Double(gridHeight) - Double(box.height) * scale) / 2
        var cells = [Double](repeating: 0, count: gridWidth * gridHeight)
        for row in 0..<gridHeight {
            let sy0 = Double(box.y0) + (Double(row) - offsetY) / scale
            let sy1 = Double(box.y0) + (Double(row + 1) - offsetY) / scale
            for column in 0..<gridWidth {
                let sx0 = Double(box.x0) + (Double(column) - offsetX) / scale
                let sx1 = Double(box.x0) + (Double(column + 1) - offsetX) / scale
                var total = 0.0
                var y = max(box.y0, Int(sy0.rounded(.down)))
                while y < min(box.y1, Int(sy1.rounded(.down)) + 1) {
                    let coverY = min(sy1, Double(y + 1)) - max(sy0, Double(y))
                    if coverY > 0 {
                        var x = max(box.x0, Int(sx0.rounded(.down)))
                        while x < min(box.x1, Int(sx1.rounded(.down)) + 1) {
                            let coverX = min(sx1, Double(x + 1)) - max(sx0, Double(x))
                            if coverX > 0 { total += darkness(x, y) * coverX * coverY }
                            x += 1
                        }
                    }
                    y += 1
                }
                cells[row * gridWidth + column] = min(1, total * scale * scale)
            }
        }
        return cells
    }

    /// `cells` less their mean, scaled to length 1 (so that the sum of products of two is their correlation); nil
    /// for a grid of one shade.
    static func normalised(_ cells: [Double]) -> [Double]? {
        let mean = cells.reduce(0, +) / Double(max(1, cells.count))
        let centred = cells.map { $0 - mean }
        let length = centred.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard length > 1e-9 else { return nil }
        return centred.map { $0 / length }
    }

    /// The templates, parsed once, their grids normalised.
    static let templates: [(digit: Int, cells: [Double])] = DigitTemplates.table.split(separator: "\n").compactMap {
        line in
        let fields = line.split(separator: " ", maxSplits: 2)
        guard fields.count >= 2, let digit = Int(fields[0]) else { return nil }
        let cells = fields[1].compactMap { $0.hexDigitValue }.map { Double($0) / 15 }
        guard cells.count == DigitTemplates.width * DigitTemplates.height, let grid = normalised(cells) else {
            return nil
        }
        return (digit, grid)
    }
}
