/// The ink inside one table cell, with specks of noise and the remains of the cell's rules taken away.
///
/// The cell's box is cut a little inside its rules; ink is split into connected pieces (eight-neighbour), and pieces
/// smaller than ``minimumArea`` (specks) or long and thin along an edge (a rule the cut did not quite miss) are
/// dropped. What is left is the cell's writing: its box, and an image of it on clean paper for the recogniser.
struct CellInk: Sendable {
    /// The box of the writing in page pixels; nil when the cell holds no writing.
    var box: PixelRect?
    /// The writing on clean paper, with a margin of paper around it.
    var image: GrayImage?
    /// The pieces of writing, left to right: their boxes within ``image``.
    var pieces: [PixelRect]
    /// Whether ink more than a speck was left out beside the writing, on its line: what the writing says is in doubt.
    var isDoubtful = false
    /// The writing as a number is read: ``image`` without the specks that lie beside it, before its first large
    /// piece or after its last, far smaller than a character (a decimal point stands between digits, never before
    /// or after them). Nil when the cell holds no writing.
    var valueImage: GrayImage?
    /// Whether ``valueImage`` left out specks that ``image`` keeps.
    var hasSpecksBeside = false

    var isEmpty: Bool { box == nil }

    /// The writing inside `cell` of `ink`, the ink of `image`. `dotsPerInch` scales the sizes that tell writing from
    /// noise. The writing's image keeps the grey levels of `image` at and next to its ink (the edges of its strokes);
    /// everything else is paper.
    init(_ ink: InkImage, of image: GrayImage, cell: PixelRect, dotsPerInch: Double) {
        let scale = dotsPerInch / 200
        let cut = cell.inset(by: max(3, Int((5 * scale).rounded())))
        let x0 = max(0, cut.x0)
        let y0 = max(0, cut.y0)
        let x1 = min(ink.width, cut.x1)
        let y1 = min(ink.height, cut.y1)
        guard x1 - x0 >= 3, y1 - y0 >= 3 else {
            self.box = nil
            self.image = nil
            self.pieces = []
            return
        }
        let width = x1 - x0
        let height = y1 - y0
        var labels = [Int32](repeating: 0, count: width * height)
        var components: [(box: PixelRect, area: Int)] = []
        var stack: [Int] = []
        for y in 0..<height {
            for x in 0..<width where ink[x0 + x, y0 + y] && labels[y * width + x] == 0 {
                let label = Int32(components.count + 1)
                var box = PixelRect(x0: x, y0: y, x1: x + 1, y1: y + 1)
                var area = 0
                labels[y * width + x] = label
                stack.append(y * width + x)
                while let index = stack.popLast() {
                    let (px, py) = (index % width, index / width)
                    area += 1
                    box = box.union(PixelRect(x0: px, y0: py, x1: px + 1, y1: py + 1))
                    for ny in max(0, py - 1)...min(height - 1, py + 1) {
                        for nx in max(0, px - 1)...min(width - 1, px + 1) {
                            let next = ny * width + nx
                            if labels[next] == 0, ink[x0 + nx, y0 + ny] {
                                labels[next] = label
                                stack.append(next)
                            }
                        }
                    }
                }
                components.append((box, area))
            }
        }
        // A piece this large is writing (the smallest is a digit 「1」, some 20 by 3 pixels at 200 dpi); a smaller one
        // is writing only beside a large one (a full stop, a decimal point, the dot of a character), else a speck; the
        // tiniest are specks anywhere.
        let minimumArea = max(8, Int((30 * scale * scale).rounded()))
        let edge = max(2, Int((3 * scale).rounded()))
        var keep = [Bool](repeating: false, count: components.count + 1)
        var found: PixelRect?
        var pieces: [PixelRect] = []
        var small: [Int] = []
        for (index, component) in components.enumerated() {
            let box = component.box
            guard component.area >= minimumArea else {
                small.append(index)
                continue
            }
            // The remains of a rule: a thin piece running along an edge of the cut.
            let thinAcross = box.height <= edge + 1 && box.width >= box.height * 6
            let thinDown = box.width <= edge + 1 && box.height >= box.width * 6
            let atTopOrBottom = box.y0 <= edge || box.y1 >= height - edge
            let atSide = box.x0 <= edge || box.x1 >= width - edge
            if (thinAcross && atTopOrBottom) || (thinDown && atSide) { continue }
            keep[index + 1] = true
            found = found.map { $0.union(box) } ?? box
            pieces.append(box)
        }
        let leastArea = max(2, Int((5 * scale * scale).rounded()))
        if found == nil, let cluster = Self.brokenWriting(components, small: small, leastArea: leastArea, scale: scale)
        {
            // No piece is large enough, but small ones lie together as a pale digit falls apart: writing.
            for index in cluster {
                keep[index + 1] = true
                found = found.map { $0.union(components[index].box) } ?? components[index].box
            }
            let box = found ?? PixelRect(x0: 0, y0: 0, x1: 0, y1: 0)
            let thinAcross = box.height <= edge + 1 && box.width >= box.height * 6
            let thinDown = box.width <= edge + 1 && box.height >= box.width * 6
            if thinAcross || thinDown {
                for index in cluster { keep[index + 1] = false }
                found = nil
            } else {
                pieces.append(box)
                small.removeAll { cluster.contains($0) }
            }
        }
        guard var writing = found else {
            self.box = nil
            self.image = nil
            self.pieces = []
            return
        }
        let heights = pieces.map(\.height).sorted()
        let characterHeight = heights[heights.count / 2]
        let reach = max(2, characterHeight * 3 / 10)
        // A small piece is writing when it is near a large one (a full stop, a decimal point, the dot of a character)
        // or near a small one that is (the pieces of a stroke a pale scan broke: a thin 「2」's curve).
        var crumbs: [Int] = []
        var loose: [Int] = []
        for index in small {
            if components[index].area >= leastArea { loose.append(index) } else { crumbs.append(index) }
        }
        var joined = pieces
        var grew = true
        while grew {
            grew = false
            loose.removeAll { index in
                let box = components[index].box
                let near = joined.contains { piece in
                    let (dx, dy) = piece.gap(to: box)
                    if dx <= reach && dy <= reach { return true }
                    // On the writing's line, within a character's height beside it: the pale 「7」 of 「71」.
                    let overlap = min(piece.y1, box.y1) - max(piece.y0, box.y0)
                    return overlap * 2 >= min(piece.height, box.height) && dx <= characterHeight
                }
                guard near else { return false }
                keep[index + 1] = true
                writing = writing.union(box)
                joined.append(box)
                grew = true
                return true
            }
        }
        // Ink left out on the writing's line, close beside it, that is more than a speck may be part of it: the
        // writing is in doubt. (Dust further along the line is no digit of the number.)
        let doubtful = loose.contains { index in
            let box = components[index].box
            let overlap = min(writing.y1, box.y1) - max(writing.y0, box.y0)
            let dx = writing.gap(to: box).across
            return components[index].area >= 2 * leastArea && overlap * 2 >= box.height && dx <= 2 * characterHeight
        }
        // A stroke a pale scan broke (a thin 「7」's slant, a 「2」's curve) falls apart into crumbs; within the writing
        // and its reach they are kept, however small, for a crumb wiped takes the stroke's pale grey around it too.
        // Crumbs further out are dust.
        let around = writing.inset(by: -reach)
        for index in crumbs {
            let box = components[index].box
            if box.x0 >= around.x0, box.x1 <= around.x1, box.y0 >= around.y0, box.y1 <= around.y1 {
                keep[index + 1] = true
            }
        }
        // Specks kept as writing that lie wholly before the first large piece or after the last, a fifth of a
        // character or more apart from it, each side's together no larger than a third of a character: dust beside a
        // number, not a digit of it. (A pale digit broken into crumbs stands as tall as the others; the pale slant of
        // a 「4」 that broke off lies close against its upright.)
        let spanX0 = pieces.map(\.x0).min() ?? writing.x0
        let spanX1 = pieces.map(\.x1).max() ?? writing.x1
        let tiny = max(2, characterHeight / 3)
        let apart = max(3, characterHeight / 5)
        var valueKeep = keep
        var valueWriting = pieces.dropFirst().reduce(pieces.first ?? writing) { $0.union($1) }
        var specksBeside = false
        for before in [true, false] {
            let side = small.filter { index in
                guard keep[index + 1] else { return false }
                let box = components[index].box
                return before ? box.x1 + apart <= spanX0 : box.x0 >= spanX1 + apart
            }
            guard let first = side.first else { continue }
            let extent = side.dropFirst().reduce(components[first].box) { $0.union(components[$1].box) }
            if extent.height <= tiny, side.allSatisfy({ components[$0].box.width <= tiny }) {
                for index in side { valueKeep[index + 1] = false }
                specksBeside = true
            } else {
                valueWriting = valueWriting.union(extent)
            }
        }
        for index in small where valueKeep[index + 1] {
            valueWriting = valueWriting.union(components[index].box)
        }
        // The image keeps the grey of the page around the writing (the faint edges of thin strokes), with every
        // piece of ink that is not writing, and the paper next to it, made paper.
        let margin = max(12, Int((20 * scale).rounded()))
        func render(_ writing: PixelRect, keeping keep: [Bool]) -> (image: GrayImage, area: PixelRect) {
            let area = PixelRect(
                x0: max(0, writing.x0 - 2),
                y0: max(0, writing.y0 - 2),
                x1: min(width, writing.x1 + 2),
                y1: min(height, writing.y1 + 2)
            )
            let imageWidth = area.width + 2 * margin
            let imageHeight = area.height + 2 * margin
            var pixels = [UInt8](repeating: 255, count: imageWidth * imageHeight)
            for y in area.y0..<area.y1 {
                for x in area.x0..<area.x1 {
                    var dropped = false
                    for ny in max(0, y - 1)...min(height - 1, y + 1) where !dropped {
                        for nx in max(0, x - 1)...min(width - 1, x + 1) {
                            let label = Int(labels[ny * width + nx])
                            if label != 0, !keep[label] {
                                dropped = true
                                break
                            }
                        }
                    }
                    guard !dropped else { continue }
                    pixels[(y - area.y0 + margin) * imageWidth + (x - area.x0 + margin)] = image[x0 + x, y0 + y]
                }
            }
            return (GrayImage(width: imageWidth, height: imageHeight, pixels: pixels), area)
        }
        let (writingImage, area) = render(writing, keeping: keep)
        let shiftX = margin - area.x0
        let shiftY = margin - area.y0
        self.box = PixelRect(x0: x0 + writing.x0, y0: y0 + writing.y0, x1: x0 + writing.x1, y1: y0 + writing.y1)
        self.image = writingImage
        self.valueImage = specksBeside ? render(valueWriting, keeping: valueKeep).image : writingImage
        self.hasSpecksBeside = specksBeside
        self.isDoubtful = doubtful
        self.pieces =
            pieces
            .map {
                PixelRect(x0: $0.x0 + shiftX, y0: $0.y0 + shiftY, x1: $0.x1 + shiftX, y1: $0.y1 + shiftY)
            }
            .sorted { $0.x0 < $1.x0 }
    }

    /// Small pieces (none tiny) that lie together, each within reach of another, as a pale thin digit falls apart
    /// at a low resolution: together as large as the smallest writing and as tall as a digit. Nil when no such group
    /// is found.
    static func brokenWriting(
        _ components: [(box: PixelRect, area: Int)],
        small: [Int],
        leastArea: Int,
        scale: Double
    ) -> Set<Int>? {
        let minimumArea = max(8, Int((30 * scale * scale).rounded()))
        let reach = max(2, Int((6 * scale).rounded()))
        let leastHeight = max(6, Int((12 * scale).rounded()))
        var left = small.filter { components[$0].area >= leastArea }
        var best: (members: Set<Int>, area: Int)?
        while let seed = left.popLast() {
            var members: Set<Int> = [seed]
            var box = components[seed].box
            var grew = true
            while grew {
                grew = false
                left.removeAll { index in
                    let other = components[index].box
                    let near = members.contains { member in
                        let piece = components[member].box
                        let (dx, dy) = piece.gap(to: other)
                        return dx <= reach && dy <= reach
                    }
                    guard near else { return false }
                    members.insert(index)
                    box = box.union(other)
                    grew = true
                    return true
                }
            }
            let area = members.reduce(0) { $0 + components[$1].area }
            if area >= minimumArea, box.height >= leastHeight, area > best?.area ?? 0 { best = (members, area) }
        }
        return best?.members
    }
}
