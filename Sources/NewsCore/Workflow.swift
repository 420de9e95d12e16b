import HeraldSupport

/// Where an article is in the editorial workflow. Readers see it only while `published`.
public enum ArticleState: String, Sendable, CaseIterable, Codable {
    case draft, review, scheduled, published, unpublished
}

/// What a newsroom user may do.
public enum Role: String, Sendable, CaseIterable, Codable {
    /// Users, settings and everything else, in every edition.
    case admin
    /// Writes and publishes in their editions.
    case editor
    /// Writes drafts in their editions and submits them for review; cannot publish.
    case author
}

/// An editorial write, as far as permissions go.
public enum EditorialAction: String, Sendable {
    case write, submit, publish, schedule, unpublish
}

/// Who makes a write: a signed-in user (with their role and editions), or the system (the command
/// line, an import, the scheduler), which may do anything.
public struct Actor: Sendable, Equatable {
    /// The user's row id; nil for the system.
    public var userID: Int64?
    /// The name recorded with the write ("aigerim", "import", "scheduler").
    public var name: String
    public var role: Role
    /// The editions the actor works in; nil means all.
    public var editions: Set<String>?
    /// Where the request came from ("203.0.113.5"; empty for the command line).
    public var address: String

    /// An actor; the system is `Actor.system(_:)`.
    public init(userID: Int64?, name: String, role: Role, editions: Set<String>?, address: String) {
        self.userID = userID
        self.name = name
        self.role = role
        self.editions = editions
        self.address = address
    }

    /// The command line, an import or the scheduler: allowed everything.
    public static func system(_ name: String) -> Actor {
        Actor(userID: nil, name: name, role: .admin, editions: nil, address: "")
    }

    /// True when the actor works in `edition`.
    public func worksIn(_ edition: String) -> Bool {
        role == .admin || editions == nil || editions!.contains(edition)
    }

    /// True when the actor may do `action` to an article of `edition`.
    public func may(_ action: EditorialAction, in edition: String) -> Bool {
        guard worksIn(edition) else { return false }
        switch action {
        case .write, .submit: return true
        case .publish, .schedule, .unpublish: return role != .author
        }
    }
}
