import HeraldSupport

/// A newsroom account.
public struct User: Sendable, Equatable {
    public var id: Int64
    /// The sign-in name: 1–64 lower-case letters, digits, dots, dashes and underscores.
    public var name: String
    /// How the newsroom shows them ("Dana Ospanova").
    public var displayName: String
    public var role: Role
    /// The editions they work in (admins work in all, whatever this says).
    public var editions: Set<String>
    public var disabled: Bool

    public init(id: Int64, name: String, displayName: String, role: Role, editions: Set<String>, disabled: Bool) {
        self.id = id
        self.name = name
        self.displayName = displayName
        self.role = role
        self.editions = editions
        self.disabled = disabled
    }

    /// The user as the author of writes made from `address`.
    public func actor(address: String) -> Actor {
        Actor(userID: id, name: name, role: role, editions: role == .admin ? nil : editions, address: address)
    }

    /// True when `name` is a valid sign-in name.
    public static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2E || byte == 0x2D || byte == 0x5F
        }
    }
}
