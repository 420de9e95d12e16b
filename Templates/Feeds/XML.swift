import HeraldSupport
import NewsCore

/// A fragment of XML (feeds, sitemaps). Interpolating a `String` escapes it for element content
/// and quoted attributes (& < > " '), exactly as `HTML` does; markup goes in only as another `XML`
/// value. Kept as UTF-8 bytes like `HTML`.
public struct XML: Sendable, ExpressibleByStringInterpolation {
    /// The document as UTF-8.
    public private(set) var bytes: [UInt8]

    public init(stringLiteral value: String) { bytes = Array(value.utf8) }

    public init(stringInterpolation: Interpolation) { bytes = stringInterpolation.bytes }

    /// The markup as text (tests).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// An empty fragment.
    public static let empty: XML = ""

    /// `text` without the characters an XML 1.0 document may not contain (unchanged, and not
    /// copied, when it has none: the usual case).
    static func legal(_ text: String) -> String {
        guard text.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0xEF }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isIllegal(scalar) { scalars.append(scalar) }
        return String(scalars)
    }

    private static func isIllegal(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || value == 0xFFFE || value == 0xFFFF
    }

    /// Each element rendered and appended in place (a sitemap has 50,000 of them).
    static func joining<S: Sequence>(_ elements: S, _ transform: (S.Element) -> XML) -> XML {
        var joined = XML.empty
        joined.bytes.reserveCapacity(elements.underestimatedCount * 200)
        for element in elements { joined.bytes.append(contentsOf: transform(element).bytes) }
        return joined
    }

    /// The interpolation rules: strings escaped, XML appended as is.
    public struct Interpolation: StringInterpolationProtocol {
        var bytes: [UInt8] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            bytes.reserveCapacity(literalCapacity + interpolationCount * 32)
        }

        public mutating func appendLiteral(_ literal: String) { bytes.append(contentsOf: literal.utf8) }

        /// Escapes text (the five XML special characters); characters XML 1.0 cannot carry at all
        /// (C0 controls other than tab and line ends, U+FFFE, U+FFFF) are left out.
        public mutating func appendInterpolation(_ value: String) { appendEscapedHTML(XML.legal(value), to: &bytes) }

        /// Escapes optional text; nil writes nothing.
        public mutating func appendInterpolation(_ value: String?) {
            if let value { appendInterpolation(value) }
        }

        /// Numbers are safe as they are.
        public mutating func appendInterpolation(_ value: Int) { appendDecimal(value, to: &bytes) }

        /// Another fragment, unescaped.
        public mutating func appendInterpolation(_ value: XML) { bytes.append(contentsOf: value.bytes) }

        /// Fragments in order.
        public mutating func appendInterpolation(_ values: [XML]) {
            for value in values { bytes.append(contentsOf: value.bytes) }
        }
    }
}

extension Sequence {
    /// Renders each element as XML and joins the fragments.
    func xml(_ transform: (Element) -> XML) -> XML { XML.joining(self, transform) }
}
