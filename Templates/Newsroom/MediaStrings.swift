import HeraldSupport

/// The phrases of the media library and the photo upload (one instance per newsroom language).
public struct NewsroomMediaStrings: Sendable {
    public let navMedia, libraryTitle, upload, uploadHint, uploadButton, file, fileHint, altRequired, reference, usedBy, uploaded: String
    public let useInArticle, uploadedMessage, noPhotos, size: String
    public let refused: @Sendable (_ reason: String) -> String
}

extension NewsroomMediaStrings {
    static let english = NewsroomMediaStrings(
        navMedia: "Photos", libraryTitle: "Photo library", upload: "Upload a photo",
        uploadHint: "JPEG, PNG or WebP, up to 20 MB. Saved with the article; it replaces the photo above.",
        uploadButton: "Upload", file: "File", fileHint: "JPEG, PNG or WebP, up to 20 MB. Location and camera data are removed.",
        altRequired: "is required with a photo: say what it shows, for readers who cannot see it",
        reference: "Reference (for an article's photo field)", usedBy: "Articles", uploaded: "Uploaded",
        useInArticle: "Use in a new article", uploadedMessage: "The photo is in the library.", noPhotos: "No photos yet.",
        size: "Size", refused: { "The photo was not stored: \($0). Choose the file again once fixed; everything else you typed is kept." })

    static let russian = NewsroomMediaStrings(
        navMedia: "Фото", libraryTitle: "Фотобиблиотека", upload: "Загрузить фото",
        uploadHint: "JPEG, PNG или WebP, до 20 МБ. Сохраняется со статьёй и заменяет фото выше.",
        uploadButton: "Загрузить", file: "Файл", fileHint: "JPEG, PNG или WebP, до 20 МБ. Координаты и данные камеры удаляются.",
        altRequired: "обязательно при фото: опишите, что на нём, для тех, кто его не видит",
        reference: "Ссылка (для поля фото статьи)", usedBy: "Статьи", uploaded: "Загружено",
        useInArticle: "Использовать в новой статье", uploadedMessage: "Фото добавлено в библиотеку.", noPhotos: "Фото пока нет.",
        size: "Размер", refused: { "Фото не сохранено: \($0). Выберите файл снова; всё остальное введённое сохранено." })
}
