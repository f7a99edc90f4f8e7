import Foundation
import GongkaiModel
public import GongkaiTools

/// The fonts of government documents (公文) that the Word file names, and the Chinese faces Debian packages that
/// stand in for them when LibreOffice makes a PDF: 仿宋 and 宋体 in AR PL UMing CN, 楷体 in AR PL UKai CN, 黑体 in
/// WenQuanYi Zen Hei. Each holds Chinese glyph forms only; left to itself, LibreOffice takes the Japanese face of
/// Noto's CJK collection for all four.
public enum OfficialFonts {
    /// A face that stands in for fonts of government documents.
    public struct Face: Sendable, Hashable {
        /// The family as fontconfig names it: 「AR PL UMing CN」.
        public var family: String
        /// The Debian package that installs it.
        public var package: String
        /// The fonts of government documents it stands in for, as a Word file names them.
        public var replaces: [String]
    }

    public static let faces: [Face] = [
        Face(family: "AR PL UMing CN", package: "fonts-arphic-uming", replaces: ["仿宋", "仿宋_GB2312", "宋体", "方正小标宋简体"]),
        Face(family: "AR PL UKai CN", package: "fonts-arphic-ukai", replaces: ["楷体", "楷体_GB2312"]),
        Face(family: "WenQuanYi Zen Hei", package: "fonts-wqy-zenhei", replaces: ["黑体"]),
    ]

    /// The fonts the rendered Word file uses, in the order of the faces above.
    static let used = ["仿宋", "宋体", "楷体", "黑体"]

    /// A fontconfig file: the system's configuration with each font of government documents bound to its face.
    public static let configuration: String = {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
            <fontconfig>
              <include ignore_missing="yes">/etc/fonts/fonts.conf</include>

            """
        for face in faces {
            for font in face.replaces {
                xml += "  <alias binding=\"same\"><family>\(MarkupText.escape(font))</family>"
                xml += "<prefer><family>\(MarkupText.escape(face.family))</family></prefer></alias>\n"
            }
        }
        return xml + "</fontconfig>\n"
    }()

    /// A face that is not installed, and what fontconfig gives instead for the fonts it stands in for.
    public struct Missing: Sendable, Hashable, CustomStringConvertible {
        public var face: Face
        /// The fonts of the Word file affected.
        public var fonts: [String]
        /// The family fontconfig matched instead.
        public var substitute: String

        public var description: String {
            let names = fonts.map { "「\($0)」" }.joined(separator: "、")
            return "警告：未安装代替\(names)的中文字体「\(face.family)」，PDF 中改用「\(substitute)」；"
                + "请安装 Debian 软件包 \(face.package)（或运行 scripts/install-deps）。"
        }
    }

    /// The faces that fontconfig, with ``configuration``, does not give for the fonts the Word file uses; empty when
    /// all are installed, or when `fc-match` is not there to ask.
    public static func missing(fcMatch: ExternalTool? = ExternalTool.find("fc-match")) -> [Missing] {
        guard let fcMatch, let folder = try? TemporaryFolder("fonts") else { return [] }
        defer { folder.remove() }
        let file = folder.file("fonts.conf")
        guard (try? Data(configuration.utf8).write(to: file)) != nil else { return [] }
        return missing { font in
            guard
                let output = try? fcMatch.run(
                    ["-f", "%{family}", font],
                    timeout: 10,
                    environment: ["FONTCONFIG_FILE": file.path]
                ), output.status == 0
            else { return nil }
            return String(decoding: output.stdout, as: UTF8.self).split(separator: ",").map(String.init)
        }
    }

    /// The faces that `match` (the families fontconfig gives for a font, best first; nil when it cannot tell) does
    /// not give for the fonts the Word file uses.
    static func missing(match: (String) -> [String]?) -> [Missing] {
        faces.compactMap { face in
            let fonts = used.filter(face.replaces.contains)
            let substitute = fonts.lazy.compactMap(match).first { !$0.contains(face.family) }?.first
            return substitute.map { Missing(face: face, fonts: fonts, substitute: $0) }
        }
    }
}
