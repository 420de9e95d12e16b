import HeraldSupport
import NewsCore

extension NewsroomStrings {
    /// English.
    public static let english = NewsroomStrings(
        code: "en", appName: "Herald newsroom", skipToContent: "Skip to content", navDashboard: "Dashboard",
        navArticles: "Articles", navNewArticle: "New article", navUsers: "Users", navAudit: "Audit log",
        signedInAs: { "Signed in as \($0)" }, signOut: "Sign out", signOutEverywhere: "Sign out everywhere",
        signInTitle: "Sign in", nameLabel: "Name", passwordLabel: "Password", signInButton: "Sign in",
        signInFailed: "The name or password is not right.",
        sessionEnded: "Your session has ended. Sign in again: what you typed is kept and shown to you after you sign in.",
        signedOut: "You have signed out.", signedOutEverywhere: "You have been signed out on every device.",
        tooManyAttempts: { "Too many failed attempts. Try again in \($0) \($0 == 1 ? "minute" : "minutes")." },
        dashboardTitle: "Dashboard", myDrafts: "My drafts", inReview: "Waiting for review", scheduled: "Scheduled",
        recentlyPublished: "Recently published", nothingHere: "Nothing here.", articlesTitle: "Articles", edition: "Edition",
        section: "Section", status: "Status", author: "Author", titleWords: "Headline words", filterButton: "Filter",
        any: "Any", headline: "Headline", savedBy: "Last saved by", savedAt: "Saved", published: "Publication",
        older: "Older", newer: "Newer", pendingChanges: "changes not published yet",
        stateName: { state in
            switch state {
            case .draft: return "Draft"
            case .review: return "In review"
            case .scheduled: return "Scheduled"
            case .published: return "Published"
            case .unpublished: return "Unpublished"
            }
        },
        newArticleTitle: "New article", editArticleTitle: "Edit article", story: "Story key",
        storyHint: "Articles with the same story key are one story in several editions. Empty: the slug.",
        slug: "Slug", slugHint: "The article's address. Empty: made from the headline.", dateline: "Dateline", lead: "Lead",
        body: "Body",
        bodyHint: "Markdown: a blank line between paragraphs, ## for headings, > for quotes, - for lists, **bold**, *italic*, [link](https://…).",
        tags: "Tags", tagsHint: "Tag slugs, separated by commas.", photo: "Photo",
        photoHint: "A library reference (/media/…), a /static/… path or an https:// address; or upload a photo below.", alt: "Photo description (alt text)",
        altHint: "What the photo shows, for readers who cannot see it — not the caption, which is printed under it.", caption: "Caption", credit: "Credit", bylines: "Bylines",
        bylinesHint: "One author per line.", publicationTime: "Publication time", note: "Correction note",
        noteHint: "Shown with its date at the foot of the article when you publish the changes. Leave empty for changes that need no note.",
        publicationHint: { "Time in \($0). Empty: when it is published. A time to come is used by Schedule." },
        save: "Save draft", saveChanges: "Save changes", preview: "Preview", submit: "Submit for review", publish: "Publish",
        publishChanges: "Publish changes", schedule: "Schedule", unpublish: "Unpublish", history: "History",
        viewLive: "View on the site", savedMessage: "Saved.", publishedMessage: "Published.",
        submittedMessage: "Sent for review.", unpublishedMessage: "Unpublished: readers no longer see it.",
        errorsBelow: "Some fields need attention. Nothing was saved; everything you typed is below.",
        pendingNotice: "This article has saved changes that readers do not see yet.",
        submitChanges: "Submit changes for review",
        changesInReviewNotice: "Its saved changes wait for an editor's review; readers see the published version.",
        changesInReview: "changes waiting for review",
        scheduledFor: { "Scheduled for \($0)." }, previewBanner: "Preview — not published. Readers do not see this page.",
        staleTitle: "Someone else saved this article", theirVersion: "Their version (saved)", yourVersion: "Your version (not saved)",
        staleMessage: { "\($0) saved a new version at \($1), after you opened the article. Nothing of yours was saved: your version is in the form below. Compare the two, then save yours to replace theirs, or open the article again to start from theirs." },
        historyTitle: { "History: \($0)" }, revision: "Revision", source: "Source", compare: "Compare",
        restore: "Restore as a new draft", from: "From", to: "To", unchanged: "unchanged",
        sourceName: { source in
            switch source {
            case "import": return "import"
            case "restore": return "restored"
            case "original": return "as first imported"
            default: return "newsroom"
            }
        },
        restoredMessage: { "Revision \($0) was restored as a new draft." }, usersTitle: "Users", newUser: "New user",
        displayName: "Display name", role: "Role", editions: "Editions", allEditions: "All editions (admins)",
        disabled: "Disabled (cannot sign in)", newPassword: "New password",
        passwordHint: "At least 12 characters. Empty: a password is generated and shown once.", addUser: "Add user",
        saveUser: "Save user", userSaved: "Saved.",
        roleName: { role in
            switch role {
            case .admin: return "Admin"
            case .editor: return "Editor"
            case .author: return "Author"
            }
        },
        userCreated: { "User \($0) was added. Their password, shown only now: \($1)" }, auditTitle: "Audit log",
        when: "When", who: "Who", what: "What", object: "Object", address: "From", detail: "Detail",
        forbidden: "You are not allowed to do this.", notFound: "There is nothing here.",
        csrfFailed: "This form has expired or did not come from the newsroom, so nothing was saved. Go back, reload the page and try again.",
        badRequest: "The request could not be understood.", backToDashboard: "Back to the dashboard",
        serverError: "Something went wrong on our side. Nothing you typed was saved; go back and try again.",
        stories: .english, media: .english, header: .english, site: .english)

    /// Russian.
    public static let russian = NewsroomStrings(
        code: "ru", appName: "Редакция Herald", skipToContent: "Перейти к содержанию", navDashboard: "Обзор",
        navArticles: "Материалы", navNewArticle: "Новый материал", navUsers: "Сотрудники", navAudit: "Журнал действий",
        signedInAs: { "Вы вошли как \($0)" }, signOut: "Выйти", signOutEverywhere: "Выйти на всех устройствах",
        signInTitle: "Вход", nameLabel: "Имя", passwordLabel: "Пароль", signInButton: "Войти",
        signInFailed: "Неверное имя или пароль.",
        sessionEnded: "Сеанс завершён. Войдите снова: всё, что вы ввели, сохранено и будет показано после входа.",
        signedOut: "Вы вышли.", signedOutEverywhere: "Вы вышли на всех устройствах.",
        tooManyAttempts: { "Слишком много неудачных попыток. Попробуйте снова через \($0) мин." },
        dashboardTitle: "Обзор", myDrafts: "Мои черновики", inReview: "Ждут проверки", scheduled: "Запланированные",
        recentlyPublished: "Недавно опубликованные", nothingHere: "Здесь пока ничего нет.", articlesTitle: "Материалы",
        edition: "Издание", section: "Раздел", status: "Статус", author: "Автор", titleWords: "Слова заголовка",
        filterButton: "Показать", any: "Все", headline: "Заголовок", savedBy: "Последним сохранил", savedAt: "Сохранено",
        published: "Публикация", older: "Раньше", newer: "Новее", pendingChanges: "изменения ещё не опубликованы",
        stateName: { state in
            switch state {
            case .draft: return "Черновик"
            case .review: return "На проверке"
            case .scheduled: return "Запланирован"
            case .published: return "Опубликован"
            case .unpublished: return "Снят с публикации"
            }
        },
        newArticleTitle: "Новый материал", editArticleTitle: "Правка материала", story: "Ключ сюжета",
        storyHint: "Материалы с одним ключом — один сюжет в разных изданиях. Пусто: слаг.",
        slug: "Слаг", slugHint: "Адрес материала. Пусто: будет составлен из заголовка.", dateline: "Место", lead: "Лид",
        body: "Текст",
        bodyHint: "Markdown: пустая строка между абзацами, ## — подзаголовок, > — цитата, - — список, **жирный**, *курсив*, [ссылка](https://…).",
        tags: "Теги", tagsHint: "Слаги тегов через запятую.", photo: "Фото",
        photoHint: "Ссылка из фотобиблиотеки (/media/…), путь /static/… или адрес https://; или загрузите фото ниже.", alt: "Описание фото (alt)",
        altHint: "Что на фото — для тех, кто его не видит; не подпись, она печатается под фото.", caption: "Подпись", credit: "Автор фото", bylines: "Авторы",
        bylinesHint: "По одному автору в строке.", publicationTime: "Время публикации", note: "Примечание об исправлении",
        noteHint: "Показывается с датой внизу материала, когда вы публикуете изменения. Оставьте пустым, если примечание не нужно.",
        publicationHint: { "Время по \($0). Пусто: в момент публикации. Будущее время используется кнопкой «Запланировать»." },
        save: "Сохранить черновик", saveChanges: "Сохранить изменения", preview: "Предпросмотр", submit: "Отправить на проверку",
        publish: "Опубликовать", publishChanges: "Опубликовать изменения", schedule: "Запланировать", unpublish: "Снять с публикации",
        history: "История", viewLive: "Открыть на сайте", savedMessage: "Сохранено.", publishedMessage: "Опубликовано.",
        submittedMessage: "Отправлено на проверку.", unpublishedMessage: "Снято с публикации: читатели его больше не видят.",
        errorsBelow: "Некоторые поля требуют внимания. Ничего не сохранено; всё, что вы ввели, — ниже.",
        pendingNotice: "У материала есть сохранённые изменения, которых читатели ещё не видят.",
        submitChanges: "Отправить изменения на проверку",
        changesInReviewNotice: "Сохранённые изменения ждут проверки редактором; читатели видят опубликованную версию.",
        changesInReview: "изменения ждут проверки",
        scheduledFor: { "Запланировано на \($0)." }, previewBanner: "Предпросмотр — не опубликовано. Читатели эту страницу не видят.",
        staleTitle: "Материал сохранил кто-то другой", theirVersion: "Их версия (сохранена)", yourVersion: "Ваша версия (не сохранена)",
        staleMessage: { "\($0) сохранил новую версию в \($1), уже после того, как вы открыли материал. Ваше не сохранено: ваша версия — в форме ниже. Сравните их и сохраните свою, чтобы заменить их версию, или откройте материал заново." },
        historyTitle: { "История: \($0)" }, revision: "Версия", source: "Источник", compare: "Сравнить",
        restore: "Восстановить как новый черновик", from: "С", to: "По", unchanged: "без изменений",
        sourceName: { source in
            switch source {
            case "import": return "импорт"
            case "restore": return "восстановлено"
            case "original": return "как при первом импорте"
            default: return "редакция"
            }
        },
        restoredMessage: { "Версия \($0) восстановлена как новый черновик." }, usersTitle: "Сотрудники",
        newUser: "Новый сотрудник", displayName: "Отображаемое имя", role: "Роль", editions: "Издания",
        allEditions: "Все издания (администраторы)", disabled: "Отключён (не может войти)", newPassword: "Новый пароль",
        passwordHint: "Не короче 12 символов. Пусто: пароль будет создан и показан один раз.", addUser: "Добавить",
        saveUser: "Сохранить", userSaved: "Сохранено.",
        roleName: { role in
            switch role {
            case .admin: return "Администратор"
            case .editor: return "Редактор"
            case .author: return "Автор"
            }
        },
        userCreated: { "Сотрудник \($0) добавлен. Его пароль, показываемый только сейчас: \($1)" },
        auditTitle: "Журнал действий", when: "Когда", who: "Кто", what: "Что", object: "Объект", address: "Откуда",
        detail: "Подробности", forbidden: "У вас нет прав на это действие.", notFound: "Здесь ничего нет.",
        csrfFailed: "Форма устарела или отправлена не из редакции, поэтому ничего не сохранено. Вернитесь, обновите страницу и попробуйте снова.",
        badRequest: "Запрос не удалось понять.", backToDashboard: "Вернуться к обзору",
        serverError: "У нас что-то сломалось. Введённое не сохранено; вернитесь и попробуйте снова.",
        stories: .russian, media: .russian, header: .russian, site: .russian)
}
