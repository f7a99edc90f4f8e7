/// The one stylesheet of every page, served from the binary at ``path``. Colours keep a contrast of at least 4.5:1
/// with their ground (WCAG 2.1 AA); a cell's state is also told by a sign, not by colour alone, so that a page
/// printed in black and white still shows it.
enum Stylesheet {
    static let path = "/assets/gongkai.css"

    static let css = """
        :root { --ink: #1a1a1a; --muted: #4a4a4a; --line: #8c8c8c; --link: #0b4f9c; --brand: #8b1a1a;
          --error: #b42318; --error-ground: #fde2e1; --warning: #7a4f00; --warning-ground: #fff4cc;
          --notice: #2f4b73; --blank-ground: #ececec; }
        * { box-sizing: border-box; }
        html { font-size: 100%; }
        body { margin: 0; color: var(--ink); background: #fff; line-height: 1.6;
          font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; }
        a { color: var(--link); }
        a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #1f6feb; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 1em; top: 1em; background: #fff; padding: 0.5em; z-index: 2; }
        header.site { background: var(--brand); color: #fff; display: flex; flex-wrap: wrap; align-items: center;
          gap: 0.5em 2em; padding: 0.6em 1.5em; }
        header.site a { color: #fff; text-decoration: none; }
        header.site .brand { font-weight: bold; font-size: 1.15em; }
        header.site nav { display: flex; flex-wrap: wrap; gap: 0.25em 1.25em; }
        header.site nav a[aria-current="page"] { text-decoration: underline; text-underline-offset: 0.3em; }
        main { max-width: 80rem; margin: 0 auto; padding: 1em 1.5em 3em; }
        footer.site { max-width: 80rem; margin: 0 auto; padding: 1em 1.5em; color: var(--muted); font-size: 0.875em;
          border-top: 1px solid #d0d0d0; }
        h1 { font-size: 1.5em; margin: 0.5em 0; }
        h2 { font-size: 1.25em; margin: 1.5em 0 0.5em; border-bottom: 1px solid #d0d0d0; padding-bottom: 0.2em; }
        h3 { font-size: 1.05em; margin: 1.2em 0 0.4em; }
        p.lead { color: var(--muted); }
        .notice-box { border-left: 4px solid var(--notice); background: #eef3f9; padding: 0.6em 1em; }
        .error-box { border-left: 4px solid var(--error); background: var(--error-ground); padding: 0.6em 1em; }
        form.filters, form.upload { display: flex; flex-wrap: wrap; gap: 0.75em 1.25em; align-items: flex-end;
          margin: 1em 0; }
        form.upload { flex-direction: column; align-items: stretch; max-width: 48rem; }
        label { display: flex; flex-direction: column; font-size: 0.9em; gap: 0.2em; }
        input, select, textarea, button { font: inherit; color: inherit; }
        input[type="text"], input[type="number"], input[type="search"], select, textarea {
          border: 1px solid var(--line); border-radius: 3px; padding: 0.3em 0.5em; background: #fff; }
        textarea { min-height: 10em; width: 100%; font-family: monospace; }
        button { background: var(--brand); color: #fff; border: 0; border-radius: 3px; padding: 0.45em 1.4em;
          cursor: pointer; align-self: flex-start; }
        .counts { display: flex; flex-wrap: wrap; gap: 0.5em 2em; margin: 0.5em 0 1em; }
        .counts strong, .summary strong { font-size: 1.25em; }
        .scroll { overflow-x: auto; max-width: 100%; }
        table { border-collapse: collapse; margin: 0.5em 0 1em; }
        th, td { border: 1px solid var(--line); padding: 0.25em 0.5em; vertical-align: middle; }
        thead th, table.list th { background: #f2f2f2; }
        table.list { width: 100%; font-size: 0.95em; }
        table.list td.n, table.list th.n { text-align: right; font-variant-numeric: tabular-nums; }
        table.list th, table.list td { white-space: nowrap; }
        table.list td.file { white-space: normal; overflow-wrap: anywhere; min-width: 12em; }
        table.list th[scope="row"] { text-align: left; font-weight: normal; background: #fff; }
        table.national { font-size: 0.875em; min-width: 40rem; }
        table.national th { font-weight: normal; background: #f2f2f2; text-align: center; }
        table.national th.block { text-align: left; background: #e4e9f2; }
        table.national td.label { text-align: left; min-width: 6em; }
        table.national td.v { text-align: center; font-variant-numeric: tabular-nums; min-width: 3em; }
        td.v.ok { background: #fff; }
        td.v.error { background: var(--error-ground); color: #7a0c0c; font-weight: bold;
          outline: 2px solid var(--error); outline-offset: -2px; }
        td.v.error::after { content: " !"; }
        td.v.blank { background: var(--blank-ground); color: var(--muted); }
        td.v.unknown { background: var(--warning-ground); color: var(--warning); }
        table.source { font-size: 0.875em; min-width: 40rem; }
        table.source th { font-weight: normal; background: #f2f2f2; color: var(--muted); text-align: center;
          font-variant-numeric: tabular-nums; }
        table.source td { min-width: 2.5em; max-width: 16em; overflow-wrap: anywhere; scroll-margin: 4em; }
        table.source td.v { text-align: center; font-variant-numeric: tabular-nums; }
        table.source td.found { outline: 2px dashed var(--warning); outline-offset: -3px; }
        table.source td.v.error.found { outline: 3px solid var(--error); }
        table.source td:target, table.source td.v.error.found:target { outline: 3px solid #1f6feb;
          outline-offset: -3px; }
        .legend { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; font-size: 0.9em; margin: 0.5em 0; padding: 0;
          list-style: none; }
        .legend .due { margin-right: 0.4em; }
        .legend span.swatch { display: inline-block; min-width: 2.2em; text-align: center; border: 1px solid var(--line);
          margin-right: 0.4em; }
        .legend .ok { background: #fff; }
        .legend .error { background: var(--error-ground); color: #7a0c0c; font-weight: bold;
          outline: 2px solid var(--error); outline-offset: -2px; }
        .legend .blank { background: var(--blank-ground); color: var(--muted); }
        .legend .unknown { background: var(--warning-ground); color: var(--warning); }
        ol.findings { padding-left: 1.5em; }
        ol.findings li { margin: 0.4em 0 0.8em; }
        .severity { display: inline-block; font-size: 0.85em; border: 1px solid currentColor; border-radius: 3px;
          padding: 0 0.35em; margin-right: 0.3em; font-weight: bold; }
        .severity.error { color: var(--error); }
        .severity.warning { color: var(--warning); }
        .severity.notice { color: var(--notice); }
        code.rule { font-size: 0.85em; color: var(--muted); margin-right: 0.3em; }
        .place { color: var(--muted); font-size: 0.9em; margin-left: 0.3em; }
        pre.source { background: #f6f6f6; border: 1px solid #d0d0d0; padding: 0.4em 0.6em; margin: 0.3em 0 0;
          overflow-x: auto; white-space: pre; font-size: 0.875em; }
        pre.source .ln { color: var(--muted); user-select: none; margin-right: 0.8em; }
        pre.source mark { background: var(--error-ground); color: #7a0c0c; text-decoration: underline wavy var(--error);
          text-underline-offset: 0.25em; }
        .n.bad { color: var(--error); font-weight: bold; }
        .n.warn { color: var(--warning); }
        nav.pages { display: flex; gap: 1.5em; align-items: center; margin: 1em 0; }
        ul.downloads { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; list-style: none; padding: 0; }
        dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; }
        dl.meta dt { color: var(--muted); }
        dl.meta dd { margin: 0; overflow-wrap: anywhere; }
        .change.up { color: #1d5e20; }
        .change.down { color: var(--error); }
        header.site .account { margin-left: auto; display: flex; align-items: center; gap: 0.75em; }
        header.site .account button { background: #fff; color: var(--brand); padding: 0.15em 0.8em; }
        form.login { display: flex; flex-direction: column; gap: 0.75em; max-width: 22rem; margin: 1em 0; }
        form.apply fieldset { display: flex; flex-direction: column; gap: 0.75em; max-width: 40rem; margin: 1em 0; }
        form.apply small { color: #555; }
        .field-error { color: var(--error); }
        [aria-invalid=true] { outline: 2px solid var(--error); }
        .query-number { font-size: 1.6em; letter-spacing: 0.1em; font-family: monospace; }
        table.list.inbox form { display: flex; flex-wrap: wrap; align-items: end; gap: 0.4em; margin: 0 0 0.4em; }
        td.overdue { color: var(--error); font-weight: bold; }
        input[type="password"] { border: 1px solid var(--line); border-radius: 3px; padding: 0.3em 0.5em; }
        progress { width: 100%; max-width: 48rem; height: 1.2em; }
        table.upload-result td, table.audit td { overflow-wrap: anywhere; }
        .ok { color: #1d5e20; font-weight: bold; }
        .same { color: var(--notice); font-weight: bold; }
        .bad { color: var(--error); font-weight: bold; }
        figure.chart { display: grid; grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr); gap: 0.5em 1.5em;
          align-items: start; margin: 0.5em 0 1.5em; }
        figure.chart svg { width: 100%; height: auto; max-width: 44rem; }
        figure.chart svg .axis { font-size: 13px; }
        figure.chart figcaption { grid-column: 1 / -1; color: var(--muted); font-size: 0.9em; }
        table.chart-data caption, figure.chart table caption { text-align: left; font-size: 0.9em; color: var(--muted); }
        ul.regions, ul.few { display: flex; flex-wrap: wrap; gap: 0.3em 1.5em; padding-left: 1.2em; }
        @media (max-width: 60rem) {
          figure.chart { grid-template-columns: 1fr; }
        }
        @media (max-width: 40rem) {
          main { padding: 0.5em 0.75em 2em; }
          header.site { padding: 0.5em 0.75em; }
          h1 { font-size: 1.3em; }
          dl.meta { grid-template-columns: 1fr; }
        }
        details.page-view { margin: 0.4em 0; }
        details.page-view summary { cursor: pointer; color: var(--link); }
        details.page-view svg.page { display: block; max-width: 100%; height: auto; border: 1px solid var(--line);
          margin-top: 0.4em; }
        .muted, li.no-source { color: var(--muted); }
        dl.item-facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; }
        dl.item-facts dt { color: var(--muted); }
        dl.item-facts dd { margin: 0; }
        .item-actions { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; margin: 1em 0; }
        .item-screen { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5em; }
        .screened { white-space: pre-wrap; border: 1px solid var(--line); padding: 0.75em; overflow-wrap: anywhere; }
        .screened mark { padding: 0 0.1em; }
        .screened mark.hit-error { background: var(--error-ground); color: #7a0c0c;
          text-decoration: underline wavy var(--error); }
        .screened mark.hit-waived { background: var(--warning-ground); color: var(--warning); }
        .screened mark.hit-notice { background: #eef3f9; color: var(--notice); }
        .screened mark sup { font-size: 0.7em; }
        ol.hits li, ol.history li { margin: 0.3em 0; }
        form.item-form label, form.word-form label { display: block; margin: 0.5em 0; }
        form.item-form input[type="text"], form.item-form textarea { width: 100%; }
        a.button { display: inline-block; padding: 0.3em 1em; border: 1px solid var(--link); border-radius: 3px; }
        @media (max-width: 48rem) { .item-screen { grid-template-columns: 1fr; } }
        .due { display: inline-block; border: 1px solid currentColor; border-radius: 3px; padding: 0 0.4em;
          font-weight: bold; white-space: nowrap; }
        .due.overdue { background: var(--error-ground); color: #7a0c0c; }
        .due.soon { background: var(--warning-ground); color: #5c3b00; }
        .due.fine { background: #e3f1e4; color: #1d5e20; }
        .due.waiting, .due.closed { background: var(--blank-ground); color: #333; }
        form.register { display: flex; flex-direction: column; gap: 0.75em; max-width: 40rem; margin: 1em 0; }
        form.step fieldset { display: flex; flex-wrap: wrap; gap: 0.5em 1.25em; align-items: flex-end;
          border: 1px solid var(--line); margin: 0.5em 0; }
        .field-error { color: var(--error); font-weight: bold; }
        [aria-invalid="true"] { border-color: var(--error); outline: 2px solid var(--error); }
        nav.tabs { display: flex; flex-wrap: wrap; gap: 0.3em 1.5em; margin: 0.5em 0; padding: 0.4em 0;
          border-bottom: 1px solid #d0d0d0; }
        ol.changes ul { margin: 0.2em 0 0.6em; }
        @media print {
          header.site, footer.site, form, form.filters, form.upload, nav.pages, ul.downloads, p.downloads-lead, .skip {
            display: none; }
          main { max-width: none; padding: 0; }
          a { color: inherit; text-decoration: none; }
          .scroll { overflow: visible; }
          table.national { min-width: 0; width: 100%; font-size: 9pt; }
          tr, li, figure.chart svg { break-inside: avoid; }
          h2, h3 { break-after: avoid; }
          figure.chart { grid-template-columns: 1fr; }
          figure.chart svg { max-width: 16cm; }
          td.v.error { outline: 2px solid #000; }
        }

        """
}
