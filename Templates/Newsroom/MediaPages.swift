import HeraldSupport
import NewsCore

/// One photo in the library.
public struct MediaRowView: Sendable {
    public var reference: MediaReference
    public var alt: String
    public var caption: String
    public var credit: String
    public var uploaded: String
    public var usedBy: Int
    /// The new article form with this photo and its texts filled in.
    public var useHref: String
    public init(reference: MediaReference, alt: String, caption: String, credit: String, uploaded: String, usedBy: Int, useHref: String) {
        self.reference = reference
        self.alt = alt
        self.caption = caption
        self.credit = credit
        self.uploaded = uploaded
        self.usedBy = usedBy
        self.useHref = useHref
    }
}

/// The library: its upload form (values as typed, errors beside them) and its photos.
public struct MediaLibraryView: Sendable {
    public var values: [String: String]
    public var errors: [String: String]
    public var rows: [MediaRowView]
    public var olderHref: String?
    public init(values: [String: String], errors: [String: String], rows: [MediaRowView], olderHref: String?) {
        self.values = values
        self.errors = errors
        self.rows = rows
        self.olderHref = olderHref
    }
}

extension NewsroomPages {
    /// The photo library: upload (a multipart form) and every photo, newest first.
    public static func mediaLibrary(_ c: NewsroomChrome, _ v: MediaLibraryView) -> HTML {
        let s = c.strings, m = s.media
        let rows: HTML = v.rows.isEmpty ? "<p class=\"empty\">\(m.noPhotos)</p>" : """
            <ul class="library">
            \(v.rows.html { row in
                let thumb = row.reference.renditionWidths[0]
                return """
                <li id="m-\(String(row.reference.hash.prefix(12)))"><img src="\(row.reference.url(width: thumb, format: .jpg))" alt="\(row.alt)" width="\(thumb)" height="\(row.reference.height(atWidth: thumb))" loading="lazy">
                <p dir="auto">\(row.alt)</p>\(row.caption.isEmpty ? HTML.empty : "<p class=\"hint\" dir=\"auto\">\(row.caption)</p>")
                <p class="hint">\(m.size): \(row.reference.width) × \(row.reference.height) · \(m.uploaded): \(row.uploaded) · \(m.usedBy): \(row.usedBy)\(row.credit.isEmpty ? HTML.empty : " · \(s.credit): \(row.credit)")</p>
                <p><label>\(m.reference) <input type="text" readonly value="\(row.reference.path)" spellcheck="false"></label></p>
                <p><a href="\(row.useHref)">\(m.useInArticle)</a></p></li>

                """
            })\
            </ul>
            """
        let main: HTML = """
        <form method="post" action="/media" enctype="multipart/form-data" class="upload-form">
        \(NewsroomLayout.csrf(c))
        \(NewsroomLayout.input("file", m.file, "", error: v.errors["file"], hint: m.fileHint, type: "file", required: true,
                               extra: " accept=\"image/jpeg,image/png,image/webp\""))\
        \(NewsroomLayout.input("alt", s.alt, v.values["alt"] ?? "", error: v.errors["alt"], hint: s.altHint, required: true))\
        \(NewsroomLayout.input("caption", s.caption, v.values["caption"] ?? "", error: v.errors["caption"]))\
        \(NewsroomLayout.input("credit", s.credit, v.values["credit"] ?? "", error: v.errors["credit"]))\
        <p><button type="submit" class="primary">\(m.uploadButton)</button></p>
        </form>
        \(rows)
        \(v.olderHref.html { "<nav class=\"pager\" aria-label=\"\(m.libraryTitle)\"><a href=\"\($0)\" rel=\"next\">\(s.older)</a></nav>" })
        """
        return NewsroomLayout.page(c, main: main)
    }
}
