import HeraldSupport
import NewsCore

/// A fragment of HTML. Interpolating a `String` escapes it; markup goes in only as another `HTML`
/// value or through the explicit `raw:` label (used for the sanitised article body).
///
/// The markup is kept as UTF-8 bytes: pages are built by appending bytes (escaping as they go) and
/// handed to the server as they are, with no String building or re-encoding on the hot path.
public struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup as UTF-8.
    public private(set) var bytes: [UInt8]

    /// Wraps trusted markup; the only way in besides interpolation.
    public init(raw text: String) { bytes = Array(text.utf8) }

    public init(stringLiteral value: String) { bytes = Array(value.utf8) }

    /// Wraps markup that was sanitised when it was stored (the article body), as UTF-8 bytes.
    public init(sanitizedBytes: [UInt8]) { bytes = sanitizedBytes }

    public init(stringInterpolation: Interpolation) { bytes = stringInterpolation.bytes }

    /// The markup as text (tests and logs).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public var description: String { text }

    /// An empty fragment.
    public static let empty = HTML(raw: "")

    /// Renders each element of a sequence and concatenates the fragments as they are made.
    static func joining<S: Sequence>(_ elements: S, _ transform: (S.Element) -> HTML) -> HTML {
        var joined = HTML.empty
        joined.bytes.reserveCapacity(elements.underestimatedCount * 128)
        for element in elements { joined.bytes.append(contentsOf: transform(element).bytes) }
        return joined
    }


    /// The interpolation rules: strings escaped, HTML appended as is.
    public struct Interpolation: StringInterpolationProtocol {
        var bytes: [UInt8] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            bytes.reserveCapacity(literalCapacity + interpolationCount * 32)
        }

        public mutating func appendLiteral(_ literal: String) { bytes.append(contentsOf: literal.utf8) }

        /// Escapes text for element content and quoted attributes.
        public mutating func appendInterpolation(_ value: String) { appendEscapedHTML(value, to: &bytes) }

        /// Escapes optional text; nil renders nothing.
        public mutating func appendInterpolation(_ value: String?) {
            if let value { appendEscapedHTML(value, to: &bytes) }
        }

        /// Numbers are safe as they are.
        public mutating func appendInterpolation(_ value: Int) { appendDecimal(value, to: &bytes) }

        /// Numbers are safe as they are.
        public mutating func appendInterpolation(_ value: Int64) { appendDecimal(value, to: &bytes) }

        /// A value that writes its own escaped bytes (links and times on list pages).
        public mutating func appendInterpolation(_ value: some HTMLWritable) { value.write(to: &bytes) }

        /// Another fragment, unescaped. Room is made with headroom for what follows: a page's
        /// main part and the article body would otherwise regrow (and copy) the buffer repeatedly.
        public mutating func appendInterpolation(_ value: HTML) {
            let needed = bytes.count + value.bytes.count
            if needed > bytes.capacity { bytes.reserveCapacity(needed + needed / 2 + 256) }
            bytes.append(contentsOf: value.bytes)
        }

        /// Fragments in order.
        public mutating func appendInterpolation(_ values: [HTML]) {
            for value in values { bytes.append(contentsOf: value.bytes) }
        }

        /// Trusted markup, explicitly labelled.
        public mutating func appendInterpolation(raw value: String) { bytes.append(contentsOf: value.utf8) }
    }
}

/// A view-model value rendered straight into the page's bytes, escaping what it writes, so that
/// list pages need no String per link or time.
public protocol HTMLWritable {
    /// Appends the value's HTML-escaped text.
    func write(to out: inout [UInt8])
}

extension Sequence {
    /// Renders each element and joins the fragments (appended as they are made, with no array of
    /// fragments in between).
    func html(_ transform: (Element) -> HTML) -> HTML {
        HTML.joining(self, transform)
    }
}

extension Optional {
    /// Renders the wrapped value, or nothing.
    func html(_ transform: (Wrapped) -> HTML) -> HTML {
        map(transform) ?? .empty
    }
}
