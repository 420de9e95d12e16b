import HeraldSupport
import NewsCore

extension Layout {
    /// The widths a story photo is shown at: the text column (42rem) on wide screens, the screen on phones.
    public static let storyPhotoSizes = "(min-width: 46rem) 42rem, calc(100vw - 2rem)"
    /// The home page's lead photo spans the main column.
    public static let leadPhotoSizes = "(min-width: 60rem) 50rem, calc(100vw - 2rem)"

    /// A photo: a library upload as a WebP and JPEG `srcset` with its own width and height (no
    /// layout shift); any other address as one image in the 16:9 box it always had.
    public static func photo(_ photo: String, alt: String, sizes: String) -> HTML {
        guard let media = MediaReference(photo) else {
            return "<img src=\"\(photo)\" alt=\"\(alt)\" width=\"1200\" height=\"675\" decoding=\"async\">"
        }
        func srcset(_ format: MediaReference.Format) -> String {
            media.renditionWidths.map { "\(media.url(width: $0, format: format)) \($0)w" }.joined(separator: ", ")
        }
        let largest = media.largest
        let fallback = media.renditionWidths.first { $0 >= 960 } ?? largest.width
        return """
        <picture><source type="image/webp" srcset="\(srcset(.webp))" sizes="\(sizes)">\
        <img src="\(media.url(width: fallback, format: .jpg))" srcset="\(srcset(.jpg))" sizes="\(sizes)" alt="\(alt)" \
        width="\(largest.width)" height="\(largest.height)" decoding="async"></picture>
        """
    }
}
