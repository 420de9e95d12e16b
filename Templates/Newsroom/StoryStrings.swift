import HeraldSupport

/// The phrases of the story pages, the board and the translation notices (one instance per
/// newsroom language, like `NewsroomStrings`; a missing phrase does not compile).
public struct NewsroomStoryStrings: Sendable {
    public let navStories, boardTitle, missing, outdated, machineDraft, days, missingInMine, allStories, storyLink: String
    public let storyTitle: @Sendable (_ key: String) -> String
    public let translateInto: @Sendable (_ edition: String) -> String
    public let transliterateInto: @Sendable (_ edition: String) -> String
    public let fromArticle: String
    public let madeFrom: @Sendable (_ edition: String, _ revision: Int) -> String
    public let outdatedNotice: @Sendable (_ edition: String) -> String
    public let machineNotice, copyNotice, translatedMessage, sourceSeen, sourceNow, noStories: String
}

extension NewsroomStoryStrings {
    static let english = NewsroomStoryStrings(
        navStories: "Stories", boardTitle: "Stories and their editions", missing: "missing", outdated: "outdated",
        machineDraft: "machine transliteration — review", days: "Days", missingInMine: "Missing or outdated in my editions",
        allStories: "All stories", storyLink: "All editions of this story", storyTitle: { "Story “\($0)”" },
        translateInto: { "Translate into \($0)" }, transliterateInto: { "Transliterate into \($0)" }, fromArticle: "From",
        madeFrom: { "Made from the \($0) article, revision \($1)" },
        outdatedNotice: { "Outdated: the \($0) source was saved again after this translation was made or last saved. What changed in the source:" },
        machineNotice: "Machine transliteration — review. This draft was written by machine from the Kazakh Cyrillic text: read it through, correct it, then save it.",
        copyNotice: "The source's text is copied here for you to replace with the translation.",
        translatedMessage: "The draft was made: review it and save it.", sourceSeen: "When translated", sourceNow: "Source now",
        noStories: "No stories in these days.")

    static let russian = NewsroomStoryStrings(
        navStories: "Сюжеты", boardTitle: "Сюжеты и их издания", missing: "нет", outdated: "устарел",
        machineDraft: "машинная транслитерация — проверьте", days: "Дней", missingInMine: "Нет или устарело в моих изданиях",
        allStories: "Все сюжеты", storyLink: "Все издания этого сюжета", storyTitle: { "Сюжет «\($0)»" },
        translateInto: { "Перевести: \($0)" }, transliterateInto: { "Транслитерировать: \($0)" }, fromArticle: "Из",
        madeFrom: { "Сделано из статьи издания \($0), версия \($1)" },
        outdatedNotice: { "Устарел: источник (\($0)) сохранён заново после того, как этот перевод был сделан или сохранён. Что изменилось в источнике:" },
        machineNotice: "Машинная транслитерация — проверьте. Черновик написан машиной по кириллическому казахскому тексту: прочтите, исправьте и сохраните.",
        copyNotice: "Здесь скопирован текст источника: замените его переводом.",
        translatedMessage: "Черновик создан: проверьте и сохраните его.", sourceSeen: "При переводе", sourceNow: "Источник сейчас",
        noStories: "За эти дни сюжетов нет.")
}
