import NewsCore

/// A fragment of HTML. Interpolating a `String` escapes it; markup goes in only as another `HTML`
/// value or through the explicit `raw:` label (used for the sanitised article body).
public struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup text.
    public private(set) var text: String

    /// Wraps trusted markup; the only way in besides interpolation.
    public init(raw text: String) { self.text = text }

    public init(stringLiteral value: String) { text = value }

    public init(stringInterpolation: Interpolation) { text = stringInterpolation.text }

    public var description: String { text }

    /// An empty fragment.
    public static let empty = HTML(raw: "")

    /// Concatenates fragments.
    public static func join<S: Sequence>(_ parts: S) -> HTML where S.Element == HTML {
        HTML(raw: parts.map(\.text).joined())
    }

    /// The interpolation rules: strings escaped, HTML appended as is.
    public struct Interpolation: StringInterpolationProtocol {
        var text = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 24)
        }

        public mutating func appendLiteral(_ literal: String) { text += literal }

        /// Escapes text for element content and quoted attributes.
        public mutating func appendInterpolation(_ value: String) { text += escapeHTML(value) }

        /// Escapes optional text; nil renders nothing.
        public mutating func appendInterpolation(_ value: String?) {
            if let value { text += escapeHTML(value) }
        }

        /// Numbers are safe as they are.
        public mutating func appendInterpolation(_ value: Int) { text += String(value) }

        /// Numbers are safe as they are.
        public mutating func appendInterpolation(_ value: Int64) { text += String(value) }

        /// Another fragment, unescaped.
        public mutating func appendInterpolation(_ value: HTML) { text += value.text }

        /// Fragments in order.
        public mutating func appendInterpolation(_ values: [HTML]) {
            for value in values { text += value.text }
        }

        /// Trusted markup, explicitly labelled.
        public mutating func appendInterpolation(raw value: String) { text += value }
    }
}

extension Sequence {
    /// Renders each element and joins the fragments.
    func html(_ transform: (Element) -> HTML) -> HTML {
        HTML.join(map(transform))
    }
}

extension Optional {
    /// Renders the wrapped value, or nothing.
    func html(_ transform: (Wrapped) -> HTML) -> HTML {
        map(transform) ?? .empty
    }
}
