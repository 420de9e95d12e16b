import Foundation
import Testing
@testable import NewsCore

/// An agency's body_html becomes the body Markdown, so readers get exactly Markdown's output.
@Suite struct HTMLBodyTests {
    /// The elements and attributes Markdown's output can hold.
    static let allowed: Set<String> = ["p", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "strong", "em", "code", "a"]

    /// Every tag in `html` is one Markdown makes, and every link a safe one.
    func onlyMarkdownOutput(_ html: String, _ context: String) {
        for match in html.matches(of: /<(\/?)([a-zA-Z0-9]+)([^>]*)>/) {
            #expect(Self.allowed.contains(String(match.2)), "\(context): <\(match.2)> in \(html)")
            let attributes = String(match.3)
            if match.1 == "/" {
                #expect(attributes.isEmpty, "\(context): a closing tag with attributes \(attributes)")
            } else if match.2 == "a" {
                let href = attributes.firstMatch(of: /^ href="([^"]*)"$/)?.1
                #expect(href.map { Markdown.isSafeLink(String($0).replacingOccurrences(of: "&amp;", with: "&")) } == true,
                        "\(context): link \(attributes)")
            } else {
                #expect(attributes.isEmpty, "\(context): attributes \(attributes)")
            }
        }
    }

    @Test func blocksAndInlineMarkupBecomeMarkdown() {
        let markdown = HTMLBody.markdown("""
            <h1>Budget passed</h1>
            <p>The <strong>Mazhilis</strong> voted on <em>Tuesday</em>, see <a href="https://example.kz/a?b=1&amp;c=2">the text</a>.</p>
            <h3>What changes</h3>
            <ul><li>Pensions <b>rise</b></li><li>Fuel <code>tax</code></li></ul>
            <ol><li>First</li><li>Second</li></ol>
            <blockquote><p>It is a good day.</p></blockquote>
            <div>Line one<br>Line two</div><h5>Small</h5>
            """)
        #expect(markdown == """
            ## Budget passed

            The **Mazhilis** voted on _Tuesday_, see [the text](https://example.kz/a?b=1&c=2).

            ### What changes

            - Pensions **rise**
            - Fuel `tax`

            1. First
            2. Second

            > It is a good day.

            Line one

            Line two

            #### Small
            """)
        let html = Markdown.html(markdown)
        #expect(html.contains("<p>The <strong>Mazhilis</strong> voted on <em>Tuesday</em>, see <a href=\"https://example.kz/a?b=1&amp;c=2\">the text</a>.</p>"))
        #expect(html.contains("<ul><li>Pensions <strong>rise</strong></li><li>Fuel <code>tax</code></li></ul>"))
        #expect(html.contains("<ol><li>First</li><li>Second</li></ol>") && html.contains("<blockquote><p>It is a good day.</p></blockquote>"))
        onlyMarkdownOutput(html, "structure")
    }

    @Test func textThatLooksLikeMarkdownStaysText() {
        let markdown = HTMLBody.markdown("""
            <p>**not bold** and [x](https://evil.example) _under_ `tick` back\\slash</p>
            <p>1. not a list</p><p>- nor this</p><p># nor a heading</p><p>&gt; nor a quote</p><p>2026. A year</p>
            """)
        let html = Markdown.html(markdown)
        #expect(html == """
            <p>**not bold** and [x](https://evil.example) _under_ `tick` back\\slash</p>
            <p>1. not a list</p>
            <p>- nor this</p>
            <p># nor a heading</p>
            <p>&gt; nor a quote</p>
            <p>2026. A year</p>

            """)
    }

    @Test func entitiesAreDecodedAndShownEscaped() {
        let html = Markdown.html(HTMLBody.markdown("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; caf&eacute; &#1178;&#x4E2D; &laquo;x&raquo; &bogus; &amp</p>"))
        #expect(html == "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; café Қ中 «x» &amp;bogus; &amp;amp</p>\n")
    }

    @Test(arguments: [
        "<script>alert(1)</script><p>ok</p>",
        "<SCRIPT type=text/javascript>document.write('<p>x</p>')</SCRIPT>ok",
        "<img src=x onerror=alert(1)>ok",
        "<p onclick=\"alert(1)\">ok</p>",
        "<a href=\"javascript:alert(1)\">ok</a>",
        "<a href=\" JaVaScRiPt:alert(1)\">ok</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">ok</a>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">ok</a>",
        "<a href=\"//evil.example/\">ok</a>",
        "<a href='https://a.example/\"onmouseover=\"alert(1)'>ok</a>",
        "<svg onload=alert(1)><script>alert(1)</script></svg>ok",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>ok",
        "<iframe src=\"https://evil.example\">fallback</iframe>ok",
        "<style>body{background:url(javascript:alert(1))}</style>ok",
        "<template><script>alert(1)</script></template>ok",
        "<!-- <script>alert(1)</script> -->ok",
        "<![CDATA[<script>alert(1)</script>]]>ok",
        "<object data=\"x.swf\"><embed src=x.swf></object>ok",
        "<form action=https://evil.example><input name=a><button>go</button></form>ok",
        "<p>ok<scr<script>ipt>alert(1)</script></p>",
        "<<script>script>alert(1)<</script>/script>ok",
        "<div style=\"background:url(javascript:alert(1))\">ok</div>",
        "<b><i><a href=\"https://x.example\"><code>ok</code></a></i></b>",
        "<p>unclosed <b>bold <i>and <a href=https://x.example>link",
        "</p></b></a>ok</li></ul>",
        "<textarea><script>alert(1)</script></textarea>ok",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">ok",
        "<a href=\"https://x.example/(a)\">paren link</a> ok",
        "<ul><li>a<ul><li>b</li></ul></li></ul><ol><li>c</li></ol>ok",
        "<script>never closed",
    ])
    func noScriptSurvives(_ input: String) {
        let html = Markdown.html(HTMLBody.markdown(input))
        onlyMarkdownOutput(html, input)
        if input.hasSuffix("ok") || input.hasSuffix("ok</p>") || input.hasSuffix("ok</a>") { #expect(html.contains("ok"), "\(input) → \(html)") }
    }

    @Test func scriptContentIsDroppedNotShown() {
        #expect(HTMLBody.markdown("<p>Before</p><script>var secret = 1;</script><style>p{}</style><p>After</p>") == "Before\n\nAfter")
        #expect(HTMLBody.markdown("<svg><text>drawn</text></svg><p>x</p>") == "x")
        #expect(HTMLBody.markdown("   ") == "" && HTMLBody.markdown("<p> </p><br><div></div>") == "")
    }

    @Test func linksAreKeptOnlyWhenSafeAndEncodedForMarkdown() {
        #expect(HTMLBody.markdown("<a href=\"https://x.example/(a) b\">t</a>") == "[t](https://x.example/%28a%29%20b)")
        #expect(HTMLBody.markdown("<a href=\"/en/news/1-x\">site</a>") == "[site](/en/news/1-x)")
        #expect(HTMLBody.markdown("<a href=\"mailto:desk@example.kz\">mail</a>") == "[mail](mailto:desk@example.kz)")
        #expect(HTMLBody.markdown("<a href=\"page.html\">relative</a>") == "relative")
        #expect(HTMLBody.markdown("<a>no target</a>") == "no target")
        #expect(HTMLBody.markdown("<a href=\"https://x.example\"> spaced </a>!") == " [spaced](https://x.example) !".trimmingCharacters(in: .whitespaces))
    }

    @Test func controlCharactersAndWhitespaceRunsGo() {
        #expect(HTMLBody.markdown("<p>a\u{01}b\u{7F}c&#1;\n\n\t d&nbsp;&nbsp;e</p>") == "abc d e")
    }
}
