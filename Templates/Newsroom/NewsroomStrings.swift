import HeraldSupport
import NewsCore

/// Every phrase of the newsroom's interface in one language: one stored property per phrase, so
/// a language that misses one does not compile. The newsroom is in one language for all its users
/// (`--newsroom-language`), whatever the editions they edit.
public final class NewsroomStrings: Sendable {
    public let code: String
    public let appName, skipToContent, navDashboard, navArticles, navNewArticle, navUsers, navAudit: String
    public let signedInAs: @Sendable (String) -> String
    public let signOut, signOutEverywhere: String
    // Sign-in
    public let signInTitle, nameLabel, passwordLabel, signInButton, signInFailed, sessionEnded, signedOut, signedOutEverywhere: String
    public let tooManyAttempts: @Sendable (_ minutes: Int) -> String
    // Dashboard and lists
    public let dashboardTitle, myDrafts, inReview, scheduled, recentlyPublished, nothingHere: String
    public let articlesTitle, edition, section, status, author, titleWords, filterButton, any: String
    public let headline, savedBy, savedAt, published, older, newer, pendingChanges: String
    public let stateName: @Sendable (ArticleState) -> String
    // The article form
    public let newArticleTitle, editArticleTitle, story, storyHint, slug, slugHint, dateline, lead, body, bodyHint: String
    public let tags, tagsHint, photo, photoHint, alt, altHint, caption, credit, bylines, bylinesHint, publicationTime, note, noteHint: String
    public let publicationHint: @Sendable (_ zone: String) -> String
    public let save, saveChanges, preview, submit, publish, publishChanges, schedule, unpublish, history, viewLive: String
    public let savedMessage, publishedMessage, submittedMessage, unpublishedMessage, errorsBelow, pendingNotice: String
    /// A published article's changes sent for review: the button, the form's notice, the lists' mark.
    public let submitChanges, changesInReviewNotice, changesInReview: String
    public let scheduledFor: @Sendable (_ time: String) -> String
    public let previewBanner: String
    public let staleTitle, theirVersion, yourVersion: String
    public let staleMessage: @Sendable (_ name: String, _ time: String) -> String
    // History
    public let historyTitle: @Sendable (String) -> String
    public let revision, source, compare, restore, from, to, unchanged: String
    public let sourceName: @Sendable (String) -> String
    public let restoredMessage: @Sendable (Int) -> String
    // Users and the audit log
    public let usersTitle, newUser, displayName, role, editions, allEditions, disabled, newPassword, passwordHint: String
    public let addUser, saveUser, userSaved: String
    public let roleName: @Sendable (Role) -> String
    public let userCreated: @Sendable (_ name: String, _ password: String) -> String
    public let auditTitle, when, who, what, object, address, detail: String
    // Errors
    public let forbidden, notFound, csrfFailed, badRequest, backToDashboard, serverError: String
    /// Stories, the board and translations.
    public let stories: NewsroomStoryStrings
    /// The photo library and uploads.
    public let media: NewsroomMediaStrings
    /// The header data page (rates and weather).
    public let header: NewsroomHeaderStrings
    /// The site structure pages (admins).
    public let site: NewsroomSiteStrings
    /// An upload's refusal, beside its field.
    public var uploadRefused: @Sendable (String) -> String { media.refused }

    init(code: String, appName: String, skipToContent: String, navDashboard: String, navArticles: String, navNewArticle: String,
         navUsers: String, navAudit: String, signedInAs: @escaping @Sendable (String) -> String, signOut: String,
         signOutEverywhere: String, signInTitle: String, nameLabel: String, passwordLabel: String, signInButton: String,
         signInFailed: String, sessionEnded: String, signedOut: String, signedOutEverywhere: String,
         tooManyAttempts: @escaping @Sendable (Int) -> String, dashboardTitle: String, myDrafts: String, inReview: String,
         scheduled: String, recentlyPublished: String, nothingHere: String, articlesTitle: String, edition: String,
         section: String, status: String, author: String, titleWords: String, filterButton: String, any: String,
         headline: String, savedBy: String, savedAt: String, published: String, older: String, newer: String,
         pendingChanges: String, stateName: @escaping @Sendable (ArticleState) -> String, newArticleTitle: String,
         editArticleTitle: String, story: String, storyHint: String, slug: String, slugHint: String, dateline: String,
         lead: String, body: String, bodyHint: String, tags: String, tagsHint: String, photo: String, photoHint: String,
         alt: String, altHint: String, caption: String, credit: String, bylines: String, bylinesHint: String, publicationTime: String, note: String,
         noteHint: String, publicationHint: @escaping @Sendable (String) -> String, save: String, saveChanges: String,
         preview: String, submit: String, publish: String, publishChanges: String, schedule: String, unpublish: String,
         history: String, viewLive: String, savedMessage: String, publishedMessage: String, submittedMessage: String,
         unpublishedMessage: String, errorsBelow: String, pendingNotice: String, submitChanges: String,
         changesInReviewNotice: String, changesInReview: String,
         scheduledFor: @escaping @Sendable (String) -> String, previewBanner: String, staleTitle: String, theirVersion: String,
         yourVersion: String, staleMessage: @escaping @Sendable (String, String) -> String,
         historyTitle: @escaping @Sendable (String) -> String, revision: String, source: String, compare: String,
         restore: String, from: String, to: String, unchanged: String, sourceName: @escaping @Sendable (String) -> String,
         restoredMessage: @escaping @Sendable (Int) -> String, usersTitle: String, newUser: String, displayName: String,
         role: String, editions: String, allEditions: String, disabled: String, newPassword: String, passwordHint: String,
         addUser: String, saveUser: String, userSaved: String, roleName: @escaping @Sendable (Role) -> String,
         userCreated: @escaping @Sendable (String, String) -> String, auditTitle: String, when: String, who: String,
         what: String, object: String, address: String, detail: String, forbidden: String, notFound: String,
         csrfFailed: String, badRequest: String, backToDashboard: String, serverError: String, stories: NewsroomStoryStrings,
         media: NewsroomMediaStrings, header: NewsroomHeaderStrings, site: NewsroomSiteStrings) {
        self.code = code; self.appName = appName; self.skipToContent = skipToContent; self.navDashboard = navDashboard
        self.navArticles = navArticles; self.navNewArticle = navNewArticle; self.navUsers = navUsers; self.navAudit = navAudit
        self.signedInAs = signedInAs; self.signOut = signOut; self.signOutEverywhere = signOutEverywhere
        self.signInTitle = signInTitle; self.nameLabel = nameLabel; self.passwordLabel = passwordLabel
        self.signInButton = signInButton; self.signInFailed = signInFailed; self.sessionEnded = sessionEnded
        self.signedOut = signedOut; self.signedOutEverywhere = signedOutEverywhere; self.tooManyAttempts = tooManyAttempts
        self.dashboardTitle = dashboardTitle; self.myDrafts = myDrafts; self.inReview = inReview; self.scheduled = scheduled
        self.recentlyPublished = recentlyPublished; self.nothingHere = nothingHere; self.articlesTitle = articlesTitle
        self.edition = edition; self.section = section; self.status = status; self.author = author
        self.titleWords = titleWords; self.filterButton = filterButton; self.any = any; self.headline = headline
        self.savedBy = savedBy; self.savedAt = savedAt; self.published = published; self.older = older; self.newer = newer
        self.pendingChanges = pendingChanges; self.stateName = stateName; self.newArticleTitle = newArticleTitle
        self.editArticleTitle = editArticleTitle; self.story = story; self.storyHint = storyHint; self.slug = slug
        self.slugHint = slugHint; self.dateline = dateline; self.lead = lead; self.body = body; self.bodyHint = bodyHint
        self.tags = tags; self.tagsHint = tagsHint; self.photo = photo; self.photoHint = photoHint; self.alt = alt; self.altHint = altHint
        self.caption = caption
        self.credit = credit; self.bylines = bylines; self.bylinesHint = bylinesHint; self.publicationTime = publicationTime
        self.note = note; self.noteHint = noteHint; self.publicationHint = publicationHint; self.save = save
        self.saveChanges = saveChanges; self.preview = preview; self.submit = submit; self.publish = publish
        self.publishChanges = publishChanges; self.schedule = schedule; self.unpublish = unpublish; self.history = history
        self.viewLive = viewLive; self.savedMessage = savedMessage; self.publishedMessage = publishedMessage
        self.submittedMessage = submittedMessage; self.unpublishedMessage = unpublishedMessage; self.errorsBelow = errorsBelow
        self.pendingNotice = pendingNotice; self.submitChanges = submitChanges; self.changesInReviewNotice = changesInReviewNotice
        self.changesInReview = changesInReview; self.scheduledFor = scheduledFor; self.previewBanner = previewBanner
        self.staleTitle = staleTitle; self.theirVersion = theirVersion; self.yourVersion = yourVersion
        self.staleMessage = staleMessage; self.historyTitle = historyTitle; self.revision = revision; self.source = source
        self.compare = compare; self.restore = restore; self.from = from; self.to = to; self.unchanged = unchanged
        self.sourceName = sourceName; self.restoredMessage = restoredMessage; self.usersTitle = usersTitle
        self.newUser = newUser; self.displayName = displayName; self.role = role; self.editions = editions
        self.allEditions = allEditions; self.disabled = disabled; self.newPassword = newPassword
        self.passwordHint = passwordHint; self.addUser = addUser; self.saveUser = saveUser; self.userSaved = userSaved
        self.roleName = roleName; self.userCreated = userCreated; self.auditTitle = auditTitle; self.when = when
        self.who = who; self.what = what; self.object = object; self.address = address; self.detail = detail
        self.forbidden = forbidden; self.notFound = notFound; self.csrfFailed = csrfFailed; self.badRequest = badRequest
        self.backToDashboard = backToDashboard; self.serverError = serverError; self.stories = stories; self.media = media; self.header = header; self.site = site
    }

    /// The strings for a language code ("en", "ru"); English for any other.
    public static func forLanguage(_ code: String) -> NewsroomStrings {
        code.lowercased().hasPrefix("ru") ? russian : english
    }

    /// The languages the newsroom ships in.
    public static let languages = ["en", "ru"]
}
