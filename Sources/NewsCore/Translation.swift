/// How a translation's draft was made from its source.
public enum TranslationMethod: String, Sendable, Equatable {
    /// The source's text copied, for a translator to replace.
    case translation
    /// Kazakh Cyrillic written in the Latin or Arabic script by machine, for an editor to review.
    case transliteration

    /// The method from an edition's language tag to another's: Kazakh Cyrillic into Kazakh in
    /// another script is transliterated, anything else translated. The script is nil for a translation.
    public static func between(sourceTag: String, targetTag: String) -> (TranslationMethod, KazakhScript?) {
        if KazakhScript.isCyrillicKazakh(sourceTag), let script = KazakhScript(languageTag: targetTag) { return (.transliteration, script) }
        return (.translation, nil)
    }
}

extension ArticleInput {
    /// The fields of a draft in `edition` made from these: the same story, section, photo, credit
    /// and bylines; the headline, dateline, lead, body (its Markdown kept), caption and photo
    /// description transliterated into `script`, or copied when there is none. `tagNames` names
    /// the tags the target edition does not have yet (their source names, transliterated too).
    public func draft(into edition: String, slug: String, script: KazakhScript?, tagNames: [String: String]) -> ArticleInput {
        func text(_ value: String) -> String { script.map { KazakhTransliteration.transliterate(value, to: $0) } ?? value }
        var draft = self
        draft.edition = edition
        draft.slug = slug
        draft.title = text(title)
        draft.dateline = text(dateline)
        draft.lead = text(lead)
        draft.body = script.map { KazakhTransliteration.transliterateMarkdown(body, to: $0) } ?? body
        draft.caption = caption.map(text)
        draft.alt = alt.map(text)
        draft.tags = tags.map { TagRef(slug: $0.slug, name: tagNames[$0.slug].map(text)) }
        draft.status = .draft
        draft.publishedAt = 0
        draft.updatedAt = nil
        return draft
    }
}
