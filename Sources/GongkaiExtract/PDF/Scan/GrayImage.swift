import Foundation

/// An 8-bit grey image, row by row from the top-left corner: 0 is black, 255 white. What `pdftoppm -gray` renders a
/// scanned page to, and what the cells cut from it are.
struct GrayImage: Sendable, Equatable {
    var width: Int
    var height: Int
    var pixels: [UInt8]

    init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height, "one byte a pixel")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An image of one grey level.
    init(width: Int, height: Int, fill: UInt8 = 255) {
        self.init(width: width, height: height, pixels: Array(repeating: fill, count: width * height))
    }

    subscript(x: Int, y: Int) -> UInt8 {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// A binary PGM (`P5`, maximum 255), as `pdftoppm -gray` writes it; nil for anything else.
    init?(pgm data: Data) {
        let bytes = [UInt8](data)
        var index = 0
        var fields: [Int] = []
        guard bytes.count > 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "5") else { return nil }
        index = 2
        while fields.count < 3 {
            // White space and comments between the header's fields.
            while index < bytes.count, bytes[index] == 0x20 || (0x09...0x0D).contains(bytes[index]) { index += 1 }
            if index < bytes.count, bytes[index] == UInt8(ascii: "#") {
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
                continue
            }
            var value = 0
            var digits = 0
            while index < bytes.count, (0x30...0x39).contains(bytes[index]), digits < 7 {
                value = value * 10 + Int(bytes[index] - 0x30)
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            fields.append(value)
        }
        // One white-space byte ends the header.
        index += 1
        let (width, height, maximum) = (fields[0], fields[1], fields[2])
        guard maximum == 255, width > 0, height > 0, bytes.count - index >= width * height else { return nil }
        self.init(width: width, height: height, pixels: Array(bytes[index..<(index + width * height)]))
    }

    /// The image as a binary PGM, which Tesseract reads.
    var pgmData: Data {
        var data = Data("P5\n\(width) \(height)\n255\n".utf8)
        data.append(contentsOf: pixels)
        return data
    }

    /// The part of the image inside `rect` (clipped to the image).
    func cropped(_ rect: PixelRect) -> GrayImage {
        let x0 = max(0, rect.x0)
        let y0 = max(0, rect.y0)
        let x1 = min(width, rect.x1)
        let y1 = min(height, rect.y1)
        guard x1 > x0, y1 > y0 else { return GrayImage(width: 1, height: 1) }
        var result = [UInt8](repeating: 255, count: (x1 - x0) * (y1 - y0))
        pixels.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for y in y0..<y1 {
                    let from = y * width + x0
                    let to = (y - y0) * (x1 - x0)
                    for x in 0..<(x1 - x0) { target[to + x] = source[from + x] }
                }
            }
        }
        return GrayImage(width: x1 - x0, height: y1 - y0, pixels: result)
    }

    /// The image enlarged `factor` times, each new pixel the bilinear blend of the four it falls between.
    func enlarged(by factor: Int) -> GrayImage {
        guard factor > 1, width > 0, height > 0 else { return self }
        let (newWidth, newHeight) = (width * factor, height * factor)
        var result = [UInt8](repeating: 255, count: newWidth * newHeight)
        let (width, height) = (self.width, self.height)
        pixels.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for y in 0..<newHeight {
                    let sourceY = max(0, (Double(y) + 0.5) / Double(factor) - 0.5)
                    let y0 = min(Int(sourceY), height - 1)
                    let y1 = min(y0 + 1, height - 1)
                    let fy = sourceY - Double(y0)
                    for x in 0..<newWidth {
                        let sourceX = max(0, (Double(x) + 0.5) / Double(factor) - 0.5)
                        let x0 = min(Int(sourceX), width - 1)
                        let x1 = min(x0 + 1, width - 1)
                        let fx = sourceX - Double(x0)
                        let top = Double(source[y0 * width + x0]) * (1 - fx) + Double(source[y0 * width + x1]) * fx
                        let bottom = Double(source[y1 * width + x0]) * (1 - fx) + Double(source[y1 * width + x1]) * fx
                        target[y * newWidth + x] = UInt8(min(255, max(0, (top * (1 - fy) + bottom * fy).rounded())))
                    }
                }
            }
        }
        return GrayImage(width: newWidth, height: newHeight, pixels: result)
    }
}

/// A rectangle of pixels: `x0..<x1` by `y0..<y1`.
struct PixelRect: Sendable, Hashable {
    var x0: Int
    var y0: Int
    var x1: Int
    var y1: Int

    var width: Int { x1 - x0 }
    var height: Int { y1 - y0 }

    /// The empty space between this rectangle and another, across and down; 0 where they overlap that way.
    func gap(to other: PixelRect) -> (across: Int, down: Int) {
        (max(0, x0 - other.x1, other.x0 - x1), max(0, y0 - other.y1, other.y0 - y1))
    }

    /// The rectangle grown by `margin` on every side (shrunk when negative).
    func inset(by margin: Int) -> PixelRect {
        PixelRect(x0: x0 + margin, y0: y0 + margin, x1: x1 - margin, y1: y1 - margin)
    }

    func union(_ other: PixelRect) -> PixelRect {
        PixelRect(x0: min(x0, other.x0), y0: min(y0, other.y0), x1: max(x1, other.x1), y1: max(y1, other.y1))
    }
}
