/// The frame of every page: the site's header with its navigation, the page's own content, the footer.
struct Page {
    /// The part of the site a page belongs to, marked in the navigation.
    enum Section: String, CaseIterable {
        case home
        case check
        case library
        case rollup
        case charts
        case missing
        case upload
        case register
        case admin

        var title: String {
            switch self {
            case .home: "首页"
            case .check: "检查报告"
            case .library: "报告库"
            case .rollup: "汇总"
            case .charts: "统计图"
            case .missing: "未报送"
            case .upload: "上传入库"
            case .register: "登记簿"
            case .admin: "操作记录"
            }
        }

        var path: String {
            switch self {
            case .home: "/"
            case .check: "/check"
            case .library: "/reports"
            case .rollup: "/rollup"
            case .charts: "/charts"
            case .missing: "/missing"
            case .upload: "/upload"
            case .register: "/register"
            case .admin: "/admin/audit"
            }
        }
    }

    var title: String
    var section: Section
    var content: HTML

    var html: String {
        let visitor = Visitor.current
        let links = Section.allCases.filter {
            $0 != .home && visitor.may(.of(path: $0.path)) && ($0 != .register || visitor.hasRegister)
        }.map { item -> HTML in
            item == section
                ? "<a href=\"\(item.path)\" aria-current=\"page\">\(item.title)</a>"
                : "<a href=\"\(item.path)\">\(item.title)</a>"
        }
        let page: HTML = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Gongkai 政府信息公开工作年度报告</title>
            <link rel="stylesheet" href="\(Stylesheet.path)">
            </head>
            <body>
            <a class="skip" href="#main">跳到正文</a>
            <header class="site">
            <a class="brand" href="/">Gongkai 公开</a>
            <nav aria-label="主导航">\(links)</nav>
            \(visitor.accountHTML)
            </header>
            <main id="main">
            \(content)
            </main>
            <footer class="site">Gongkai 读取并检查政府信息公开工作年度报告：表二、表三、表四的每个数字及其出处，按全国统一格式核对。</footer>
            </body>
            </html>

            """
        return page.markup
    }
}
