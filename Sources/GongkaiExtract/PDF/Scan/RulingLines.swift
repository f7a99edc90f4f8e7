/// The ruling lines of a page image: long, thin runs of ink, horizontal or vertical.
///
/// Each row of the image is scanned for runs of ink at least ``minimumLength`` long (gaps of a couple of pixels, where
/// noise broke the line, are bridged); runs on neighbouring rows that overlap join into one line. A line thicker than
/// ``maximumThickness`` is a filled area (a seal, a picture), not a rule. Vertical lines are found the same way on the
/// transposed image.
struct RulingLines: Sendable, Equatable {
    /// One line: `position` is its centre across it (y for a horizontal line), `start..<end` its extent along it.
    struct Line: Sendable, Hashable {
        var position: Double
        var start: Int
        var end: Int
        var thickness: Int

        var length: Int { end - start }
    }

    var horizontal: [Line]
    var vertical: [Line]

    /// The lines of `ink`, an image at `dotsPerInch`.
    init(_ ink: InkImage, dotsPerInch: Double) {
        let horizontalLength = Int(dotsPerInch * 0.3)
        let verticalLength = Int(dotsPerInch * 0.18)
        let thickness = max(3, Int(dotsPerInch * 0.03))
        let gap = max(2, Int(dotsPerInch / 100))
        let transposed = ink.transposed
        let shortest = max(8, Int(dotsPerInch * 0.04))
        horizontal = Self.joined(
            Self.lines(ink, minimumLength: horizontalLength, maximumThickness: thickness, gap: gap),
            pieces: Self.lines(ink, minimumLength: shortest, maximumThickness: thickness, gap: gap),
            reach: 3 * gap
        )
        vertical = Self.joined(
            Self.lines(transposed, minimumLength: verticalLength, maximumThickness: thickness, gap: gap),
            pieces: Self.lines(transposed, minimumLength: shortest, maximumThickness: thickness, gap: gap),
            reach: 3 * gap
        )
    }

    /// `lines` with the short pieces of rule that continue them joined on: a piece in line with a rule (its centre
    /// within two pixels) whose end is within `reach` of the rule's end, and two such rules, become one rule. A
    /// rule turned straight again from a skewed scan steps a pixel sideways here and there, and JPEG noise breaks
    /// it, so the stretch of a rule between a step and the rule it meets can be too short to be found as a line on
    /// its own; without it a cell would seem open on that side. A piece alone, in line with no rule (a stroke of a
    /// character), is no rule.
    static func joined(_ lines: [Line], pieces: [Line], reach: Int) -> [Line] {
        var result = lines
        var left = pieces.filter { piece in !lines.contains(piece) }
        var grew = true
        while grew {
            grew = false
            for index in result.indices {
                var line = result[index]
                var weight = Double(line.length)
                var sum = line.position * weight
                left.removeAll { piece in
                    guard abs(piece.position - line.position) <= 2,
                        piece.start <= line.end + reach, piece.end >= line.start - reach
                    else { return false }
                    line.start = min(line.start, piece.start)
                    line.end = max(line.end, piece.end)
                    line.thickness = max(line.thickness, piece.thickness)
                    weight += Double(piece.length)
                    sum += piece.position * Double(piece.length)
                    grew = true
                    return true
                }
                line.position = sum / weight
                result[index] = line
            }
        }
        // Rules of the table that now run into one another are one rule.
        result.sort { ($0.position, $0.start) < ($1.position, $1.start) }
        var merged: [Line] = []
        for line in result {
            if let index = merged.lastIndex(where: { other in
                abs(other.position - line.position) <= 2 && line.start <= other.end + reach
                    && line.end >= other.start - reach
            }) {
                let other = merged[index]
                let total = Double(other.length + line.length)
                merged[index] = Line(
                    position: (other.position * Double(other.length) + line.position * Double(line.length)) / total,
                    start: min(other.start, line.start),
                    end: max(other.end, line.end),
                    thickness: max(other.thickness, line.thickness)
                )
            } else {
                merged.append(line)
            }
        }
        return merged.sorted { ($0.position, $0.start) < ($1.position, $1.start) }
    }

    init(horizontal: [Line], vertical: [Line]) {
        self.horizontal = horizontal
        self.vertical = vertical
    }

    /// The horizontal lines of `ink`.
    static func lines(_ ink: InkImage, minimumLength: Int, maximumThickness: Int, gap: Int) -> [Line] {
        struct Open {
            var top: Int
            var bottom: Int
            var start: Int
            var end: Int
            /// Ink pixels counted, for the line's centre.
            var weight: Int
            var weightedRow: Int
        }
        var open: [Open] = []
        var closed: [Open] = []
        let (width, height) = (ink.width, ink.height)
        ink.ink.withUnsafeBufferPointer { pixels in
            for y in 0..<height {
                let row = y * width
                var runs: [(Int, Int)] = []
                var x = 0
                while x < width {
                    guard pixels[row + x] != 0 else {
                        x += 1
                        continue
                    }
                    let start = x
                    var end = x + 1
                    var probe = end
                    // A run goes on over gaps of at most `gap` pixels of paper.
                    while probe < width {
                        if pixels[row + probe] != 0 {
                            end = probe + 1
                            probe += 1
                        } else if probe - end < gap {
                            probe += 1
                        } else {
                            break
                        }
                    }
                    if end - start >= minimumLength { runs.append((start, end)) }
                    x = end + 1
                }
                var stillOpen: [Open] = []
                var used = [Bool](repeating: false, count: runs.count)
                for var line in open {
                    var extended = false
                    for (index, run) in runs.enumerated() where !used[index] {
                        let overlap = min(run.1, line.end) - max(run.0, line.start)
                        if overlap * 2 >= min(run.1 - run.0, line.end - line.start) {
                            used[index] = true
                            line.bottom = y
                            line.start = min(line.start, run.0)
                            line.end = max(line.end, run.1)
                            line.weight += run.1 - run.0
                            line.weightedRow += (run.1 - run.0) * y
                            extended = true
                        }
                    }
                    if extended || line.bottom >= y - 1 {
                        stillOpen.append(line)
                    } else {
                        closed.append(line)
                    }
                }
                for (index, run) in runs.enumerated() where !used[index] {
                    let length = run.1 - run.0
                    stillOpen.append(
                        Open(top: y, bottom: y, start: run.0, end: run.1, weight: length, weightedRow: length * y)
                    )
                }
                open = stillOpen
            }
        }
        closed += open
        return
            closed
            .filter { $0.bottom - $0.top + 1 <= maximumThickness }
            .map { line in
                Line(
                    position: Double(line.weightedRow) / Double(max(line.weight, 1)),
                    start: line.start,
                    end: line.end,
                    thickness: line.bottom - line.top + 1
                )
            }
            .sorted { ($0.position, $0.start) < ($1.position, $1.start) }
    }
}
