import HeraldSupport
/// A node of the section tree (shared by all editions; names are per edition).
public struct Section: Sendable, Equatable {
    /// The row id.
    public var id: Int64
    /// The parent section, nil at the top level.
    public var parentID: Int64?
    /// The last path component ("elections").
    public var slug: String
    /// The full path without slashes at the ends ("news/elections").
    public var path: String
    /// The order among siblings.
    public var position: Int
    /// Names by edition code.
    public var names: [String: String]

    /// Builds a section.
    public init(id: Int64, parentID: Int64?, slug: String, path: String, position: Int, names: [String: String]) {
        self.id = id
        self.parentID = parentID
        self.slug = slug
        self.path = path
        self.position = position
        self.names = names
    }

    /// The name in an edition, falling back to the slug when that edition has none.
    public func name(in edition: String) -> String { names[edition] ?? slug }
}

/// The whole section tree, indexed for lookups by id and path.
public struct SectionTree: Sendable {
    /// All sections in tree order (parents before children, siblings by position).
    public let all: [Section]
    private let byID: [Int64: Section]
    private let byPath: [String: Section]

    /// Indexes a list of sections.
    public init(_ sections: [Section]) {
        byID = Dictionary(sections.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        byPath = Dictionary(sections.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let children = Dictionary(grouping: sections, by: { $0.parentID })
        func walk(_ parent: Int64?) -> [Section] {
            (children[parent] ?? []).sorted { ($0.position, $0.path) < ($1.position, $1.path) }
                .flatMap { [$0] + walk($0.id) }
        }
        all = walk(nil)
    }

    /// The section with an id.
    public func section(id: Int64) -> Section? { byID[id] }

    /// The section at a path ("news/elections").
    public func section(path: String) -> Section? { byPath[path] }

    /// The top-level sections in order.
    public var topLevel: [Section] { all.filter { $0.parentID == nil } }

    /// The section and its ancestors, root first.
    public func lineage(of id: Int64) -> [Section] {
        var chain: [Section] = []
        var current = byID[id]
        while let section = current, chain.count < 32 {
            chain.insert(section, at: 0)
            current = section.parentID.flatMap { byID[$0] }
        }
        return chain
    }
}
