import HTTPServer
import Media
import NewsCore
import NewsStore
import Templates

extension NewsroomEnvironment {
    /// `GET /media[?page=N]`: the photo library, newest first, with its upload form.
    func mediaIndex(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        try library(request, values: [:], errors: [:], notice: notice(request))
    }

    /// `POST /media` (`file`, `alt`, `caption`, `credit`): a photo into the library. Refusals
    /// (not a photo, too large, too many pixels, damaged, no description) come back beside their
    /// fields with the texts kept; nothing is stored.
    func mediaCreate(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let form = request.form ?? FormData()
        var values: [String: String] = [:]
        for name in ["alt", "caption", "credit"] { values[name] = String((form.value(name) ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(1000)) }
        var errors: [String: String] = [:]
        if values["alt"]!.isEmpty { errors["alt"] = strings.media.altRequired }
        let file = form.files.first { $0.field == "file" }
        if file == nil || (file!.size == 0 && !file!.exceededLimit) { errors["file"] = strings.uploadRefused(MediaError.empty.description) }
        guard errors.isEmpty else { return try library(request, values: values, errors: errors, status: 422) }
        var stored = values
        if let problem = takePhoto(form, field: "file", values: &stored, by: actor(request)) {
            return try library(request, values: values, errors: ["file": problem], status: 422)
        }
        return redirect("/media", notice: "uploaded")
    }

    /// The library page with the form as typed.
    func library(_ request: Request, values: [String: String], errors: [String: String], notice: String? = nil,
                 status: Int = 200) throws -> Response {
        let page = max(1, min(10_000, Int(request.queryValue("page") ?? "") ?? 1))
        let items = try media.all(limit: 60, offset: (page - 1) * 60)
        let rows = items.prefix(60).map { item in
            MediaRowView(reference: item.reference, alt: item.alt, caption: item.caption, credit: item.credit,
                         uploaded: utcTime(item.uploadedAt), usedBy: item.usedBy,
                         useHref: "/articles/new?" + URLEncodedForm.encode([("photo", item.reference.path), ("alt", item.alt),
                                                                            ("caption", item.caption), ("credit", item.credit)]))
        }
        let view = MediaLibraryView(values: values, errors: errors, rows: Array(rows), olderHref: items.count > 60 ? "/media?page=\(page + 1)" : nil)
        let message = errors.isEmpty ? notice : strings.errorsBelow
        return self.page(NewsroomPages.mediaLibrary(chrome(request, strings.media.libraryTitle, notice: message, error: !errors.isEmpty), view),
                         status: status)
    }
}
