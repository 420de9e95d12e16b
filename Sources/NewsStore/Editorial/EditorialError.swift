import NewsCore

/// Why a named editorial write was refused; nothing was written. Each has a stable code.
public enum EditorialError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No such article.
    case notFound(articleID: Int64)
    /// The fields did not validate (each error names its field).
    case invalid(InputErrors)
    /// Another save came after the revision the editor started from.
    case staleRevision(articleID: Int64, current: Int64?, basedOn: Int64?)
    /// The actor's role or editions do not allow it.
    case notAllowed(action: EditorialAction, edition: String)
    /// Not possible from the article's state (e.g. scheduling a published article).
    case invalidTransition(from: ArticleState, action: EditorialAction, reason: String)

    /// A stable code for programs.
    public var code: String {
        switch self {
        case .notFound: return "article_not_found"
        case .invalid: return "invalid_fields"
        case .staleRevision: return "stale_revision"
        case .notAllowed: return "not_allowed"
        case .invalidTransition: return "invalid_transition"
        }
    }

    public var description: String {
        switch self {
        case .notFound(let id): return "article \(id) does not exist"
        case .invalid(let errors): return errors.description
        case .staleRevision(let id, let current, _):
            return "article \(id) was saved by someone else since you opened it (now revision \(current.map(String.init) ?? "none"))"
        case .notAllowed(let action, let edition): return "you may not \(action.rawValue) articles in edition \(edition)"
        case .invalidTransition(let from, _, let reason): return "the article is \(from.rawValue): \(reason)"
        }
    }
}
