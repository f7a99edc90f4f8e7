import Foundation

/// Finds how far a scanned page is turned and turns it back.
///
/// The angle is the one at which the page's ink, projected along lines of that slope, piles up most sharply (the
/// sum of squares of the projection profile): text lines and ruling lines all line up then. Angles are tried a
/// tenth of a degree apart over ±``range``, then a hundredth apart around the best.
enum SkewCorrection {
    /// The largest turn looked for, in degrees.
    static let range = 1.5
    /// Turns smaller than this (in degrees) are left alone: less than a pixel across a page.
    static let negligible = 0.02

    /// The page's slope in degrees: positive when a printed horizontal line falls to the right (its `y` grows with
    /// `x`).
    static func angle(of ink: InkImage) -> Double {
        let points = sample(ink)
        guard points.count >= 16 else { return 0 }
        var best = (angle: 0.0, score: score(points, angle: 0, height: ink.height, width: ink.width))
        var angle = -range
        while angle <= range + 1e-9 {
            let value = score(points, angle: angle, height: ink.height, width: ink.width)
            if value > best.score { best = (angle, value) }
            angle += 0.1
        }
        let coarse = best.angle
        var fine = coarse - 0.1
        while fine <= coarse + 0.1 + 1e-9 {
            let value = score(points, angle: fine, height: ink.height, width: ink.width)
            if value > best.score { best = (fine, value) }
            fine += 0.01
        }
        return (best.angle * 100).rounded() / 100
    }

    /// How far apart the rows sampled are: every row, for a profile one pixel fine (with rows two apart, bins two
    /// pixels tall blur the angle by some 0.05°).
    static let sampledRows = 1

    /// Ink pixels to project: every ink pixel of every ``sampledRows``th row, as (x, y) pairs.
    private static func sample(_ ink: InkImage) -> [(Int32, Int32)] {
        var points: [(Int32, Int32)] = []
        points.reserveCapacity(ink.ink.count / 40)
        ink.ink.withUnsafeBufferPointer { pixels in
            for y in stride(from: 0, to: ink.height, by: sampledRows) {
                let row = y * ink.width
                for x in 0..<ink.width where pixels[row + x] != 0 { points.append((Int32(x), Int32(y))) }
            }
        }
        return points
    }

    /// The sharpness of the profile of `points` projected along lines falling `angle` degrees. The profile's bins
    /// are as tall as the rows sampled are apart: with one bin a pixel, every second bin would stay empty at 0° only,
    /// doubling that angle's score over every other's.
    private static func score(_ points: [(Int32, Int32)], angle: Double, height: Int, width: Int) -> Double {
        let slope = tan(angle * .pi / 180)
        let step = Double(sampledRows)
        let margin = Int((Double(width) * abs(slope) / step).rounded(.up)) + 1
        var profile = [Int32](repeating: 0, count: height / sampledRows + 2 * margin + 2)
        profile.withUnsafeMutableBufferPointer { bins in
            for (x, y) in points {
                let row = Int(((Double(y) - Double(x) * slope) / step).rounded()) + margin
                bins[row] &+= 1
            }
        }
        var total = 0.0
        for count in profile where count > 0 { total += Double(count) * Double(count) }
        return total
    }

    /// The page turned back by `angle` degrees about its centre (bilinear), paper filling the corners.
    static func rotated(_ image: GrayImage, by angle: Double) -> GrayImage {
        guard abs(angle) >= negligible else { return image }
        let radians = angle * .pi / 180
        let (cosine, sine) = (cos(radians), sin(radians))
        let (width, height) = (image.width, image.height)
        let centreX = Double(width) / 2
        let centreY = Double(height) / 2
        var result = [UInt8](repeating: 255, count: width * height)
        image.pixels.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for y in 0..<height {
                    let dy = Double(y) - centreY
                    // Where this output row starts in the input, and how far each step along it moves there.
                    var sourceX = centreX + (0 - centreX) * cosine - dy * sine
                    var sourceY = centreY + (0 - centreX) * sine + dy * cosine
                    for x in 0..<width {
                        defer {
                            sourceX += cosine
                            sourceY += sine
                        }
                        let x0 = Int(sourceX.rounded(.down))
                        let y0 = Int(sourceY.rounded(.down))
                        guard x0 >= 0, y0 >= 0, x0 + 1 < width, y0 + 1 < height else { continue }
                        let fx = sourceX - Double(x0)
                        let fy = sourceY - Double(y0)
                        let index = y0 * width + x0
                        let top = Double(source[index]) * (1 - fx) + Double(source[index + 1]) * fx
                        let bottom = Double(source[index + width]) * (1 - fx) + Double(source[index + width + 1]) * fx
                        target[y * width + x] = UInt8((top * (1 - fy) + bottom * fy).rounded())
                    }
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: result)
    }
}
