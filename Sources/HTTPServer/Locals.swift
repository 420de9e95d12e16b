/// Values middleware attaches to a request for the handlers after it (the signed-in session…),
/// by key type: `request.locals[SessionKey.self] = session`.
public struct Locals: Sendable {
    private var values: [ObjectIdentifier: any Sendable] = [:]

    public init() {}

    /// The value stored under a key type.
    public subscript<Key: LocalsKey>(_ key: Key.Type) -> Key.Value? {
        get { values[ObjectIdentifier(key)] as? Key.Value }
        set { values[ObjectIdentifier(key)] = newValue }
    }
}

/// A key for `Locals`: a type naming what it stores.
public protocol LocalsKey {
    associatedtype Value: Sendable
}
