/// Which pixels of a grey image are ink: darker than a threshold chosen from the image's own histogram (Otsu's
/// method), so a pale or dark scan, a grey background and JPEG noise all split the same way. One byte a pixel, 1 for
/// ink.
struct InkImage: Sendable, Equatable {
    var width: Int
    var height: Int
    var ink: [UInt8]

    init(width: Int, height: Int, ink: [UInt8]) {
        self.width = width
        self.height = height
        self.ink = ink
    }

    init(_ image: GrayImage) {
        self.init(image, threshold: Self.threshold(image))
    }

    init(_ image: GrayImage, threshold: UInt8) {
        var ink = [UInt8](repeating: 0, count: image.pixels.count)
        image.pixels.withUnsafeBufferPointer { source in
            ink.withUnsafeMutableBufferPointer { target in
                for index in source.indices where source[index] < threshold { target[index] = 1 }
            }
        }
        self.init(width: image.width, height: image.height, ink: ink)
    }

    subscript(x: Int, y: Int) -> Bool { ink[y * width + x] != 0 }

    /// Otsu's threshold: the grey level that best separates the image's two classes of pixels. Pale backgrounds
    /// (shaded header cells) stay paper; the threshold is kept between 64 and 200.
    static func threshold(_ image: GrayImage) -> UInt8 {
        var histogram = [Int](repeating: 0, count: 256)
        image.pixels.withUnsafeBufferPointer { pixels in
            for value in pixels { histogram[Int(value)] += 1 }
        }
        let total = Double(image.pixels.count)
        var sum = 0.0
        for level in 0..<256 { sum += Double(level * histogram[level]) }
        var backgroundSum = 0.0
        var backgroundCount = 0.0
        var best = 0.0
        var threshold = 128
        for level in 0..<256 {
            backgroundCount += Double(histogram[level])
            guard backgroundCount > 0 else { continue }
            let foregroundCount = total - backgroundCount
            guard foregroundCount > 0 else { break }
            backgroundSum += Double(level * histogram[level])
            let meanLow = backgroundSum / backgroundCount
            let meanHigh = (sum - backgroundSum) / foregroundCount
            let between = backgroundCount * foregroundCount * (meanLow - meanHigh) * (meanLow - meanHigh)
            if between > best {
                best = between
                threshold = level + 1
            }
        }
        return UInt8(min(max(threshold, 64), 200))
    }

    /// The image turned on its diagonal: columns become rows, so vertical lines are found as horizontal ones.
    var transposed: InkImage {
        var result = [UInt8](repeating: 0, count: ink.count)
        let (width, height) = (self.width, self.height)
        ink.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for y in 0..<height {
                    let row = y * width
                    for x in 0..<width where source[row + x] != 0 { target[x * height + y] = 1 }
                }
            }
        }
        return InkImage(width: height, height: width, ink: result)
    }
}
