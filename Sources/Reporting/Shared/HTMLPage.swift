import Documents
import Foundation

/// What `report.html` and `trace.html` share, so the two pages look like
/// one tool's: the page frame with its inline stylesheet (no scripts,
/// nothing fetched), the header naming the session, and the summary cards.
enum HTMLPage {
    /// A whole page. `extraStyle` holds rules only one page needs.
    static func document(title: String, body: String, footer: String, extraStyle: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title.htmlEscaped)</title>
        <style>\(style)\(extraStyle)</style></head>
        <body><main>
        \(body)
        <footer>\(footer)</footer>
        </main></body></html>

        """
    }

    /// The program's file name, which titles a page; the full path is in the header.
    static func programName(_ path: String) -> String {
        URL(fileURLWithPath: path).lastPathComponent
    }

    /// A heading with the program's name, then what ran where: every value escaped.
    static func header(_ heading: String, program: String, facts: [(String, String)]) -> String {
        let rows = facts.map { "<dt>\($0.0.htmlEscaped)</dt><dd>\($0.1.htmlEscaped)</dd>" }.joined()
        return "<header><h1>\(heading.htmlEscaped) <span class=\"program\">\(programName(program).htmlEscaped)</span></h1>"
            + "<dl class=\"facts\">\(rows)</dl></header>"
    }

    /// The facts every session records: program, start, machine, toolchain, settings.
    static func sessionFacts(program: String, startedAt: String, machine: MachineInfo, toolchain: ToolchainInfo,
                             settings: [String: SettingValue]) -> [(String, String)] {
        let settings = settings.sorted { $0.key < $1.key }.map { SettingLabel.text($0.key, $0.value) }.joined(separator: " · ")
        return [
            ("Program", program),
            ("Started", startedAt),
            ("Machine", "\(machine.cpuModel) · \(machine.cores) cores · \(Units.bytes(machine.memoryBytes)) · \(machine.kernel)"),
            ("Toolchain", toolchain.summary),
            ("Settings", settings.isEmpty ? "–" : settings),
        ]
    }

    /// The numbers a reader looks for first. Values and subtitles are HTML:
    /// callers pass numbers they formatted, or escape what came from input.
    static func cards(_ cards: [(label: String, value: String, sub: String)]) -> String {
        let items = cards.map { "<div class=\"card\"><div class=\"label\">\($0.label)</div><div class=\"value\">\($0.value)</div><div class=\"sub\">\($0.sub)</div></div>" }
        return "<section class=\"cards\">" + items.joined() + "</section>"
    }

    private static let style = """
    :root{--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--soft:#f6f8fa;--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9}
    *{box-sizing:border-box}
    body{margin:0;background:#fff;color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
    main{max-width:1120px;margin:0 auto;padding:32px 24px 48px}
    h1{font-size:26px;margin:0 0 12px;font-weight:600}
    h1 .program{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:22px;color:var(--muted);margin-left:8px}
    h2{font-size:19px;margin:0 0 4px;font-weight:600}
    h3{font-size:15px;margin:20px 0 6px;font-weight:600}
    header{border-bottom:1px solid var(--line);padding-bottom:16px;margin-bottom:20px}
    .facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}
    .facts dt{color:var(--muted)}.facts dd{margin:0;overflow-wrap:anywhere}
    section{margin:0 0 32px;overflow-x:auto}
    .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px}
    .card{border:1px solid var(--line);border-radius:8px;padding:12px 16px;background:var(--soft)}
    .card .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
    .card .value{font-size:24px;font-weight:600;font-variant-numeric:tabular-nums}
    .card .sub{color:var(--muted);font-size:12px}
    .note{color:var(--muted);margin:0 0 12px}
    table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
    th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
    th{background:var(--soft);font-weight:600;font-size:13px;white-space:nowrap}
    td.num,th.num{text-align:right;white-space:nowrap}
    code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
    td.sections{font-size:12px;line-height:1.35;overflow-wrap:anywhere}
    pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
    .badge{display:inline-block;min-width:44px;text-align:center;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:600}
    .badge.pass{color:var(--pass);background:var(--pass-bg)}.badge.fail{color:var(--fail);background:var(--fail-bg)}
    .badge.none{color:var(--muted);background:var(--soft)}.badge.edited{color:#0550ae;background:#ddf4ff}
    .latency{display:inline-block;vertical-align:top;margin:0 24px 16px 0}.latency h3{margin:8px 0 4px}
    svg.sparkline{display:block;margin:0 0 4px}
    .worse{color:var(--fail);font-weight:600}.better{color:var(--pass);font-weight:600}
    figure{margin:0;border:1px solid var(--line);border-radius:8px;padding:12px 12px 8px}
    svg.chart{width:100%;height:auto;display:block}
    svg .grid{stroke:#eaeef2;stroke-width:1}svg .axis{stroke:#8c959f;stroke-width:1}
    svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;fill:var(--muted)}
    svg .axis-title{fill:var(--fg);font-weight:600}
    .legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 16px;margin:8px 0 0 72px;padding:0;font-size:12.5px}
    .legend li{display:flex;align-items:center;gap:6px}
    .swatch{display:inline-block;width:12px;height:12px;border-radius:2px}.swatch.line{height:0;width:18px;border-radius:0}
    .bar{height:12px;border-radius:2px;min-width:1px}
    .split{display:grid;grid-template-columns:3fr 2fr;gap:24px}
    @media (max-width:800px){main{padding:20px 12px 32px}.split{grid-template-columns:1fr}.legend{margin-left:0}}
    footer{color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:12px}
    """
}
