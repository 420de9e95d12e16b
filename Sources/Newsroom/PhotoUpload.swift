import HTTPServer
import Media
import NewsCore
import NewsStore

extension NewsroomEnvironment {
    /// Stores the photo a form carries in `field` (none chosen: nothing to do) in the library and
    /// puts its reference in `values["photo"]`; the message for the field when it is refused.
    /// The upload is kept whatever else in the form is wrong, so it is never chosen twice.
    func takePhoto(_ form: FormData, field: String = "upload", values: inout [String: String], by actor: Actor) -> String? {
        guard let file = form.files.first(where: { $0.field == field }), file.size > 0 || file.exceededLimit else { return nil }
        if file.exceededLimit { return strings.uploadRefused(MediaError.tooLarge(limit: MediaLibrary.maxBytes).description) }
        guard let library = reader.media else { return strings.uploadRefused("there is no media directory") }
        do {
            let stored = try library.store(uploadAt: file.path)
            try media.add(stored.reference, format: stored.format, bytes: stored.bytes, alt: values["alt"] ?? "",
                          caption: values["caption"] ?? "", credit: values["credit"] ?? "", by: actor)
            values["photo"] = stored.reference.path
            return nil
        } catch let error as MediaError {
            return strings.uploadRefused(error.description)
        } catch {
            logger.error("newsroom: storing an upload failed: \(error)")
            return strings.uploadRefused("it could not be stored")
        }
    }
}
