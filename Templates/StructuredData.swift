import HeraldSupport
import NewsCore

/// A JSON value for a page's structured data (schema.org JSON-LD read by search engines). Not
/// `indirect`: the arrays already hold the nested values, and boxing every case cost an
/// allocation per member on every article page.
public enum JSONValue: Sendable {
    case string(String)
    case array([JSONValue])
    case number(Int)
    /// Members in order.
    case object([(key: String, value: JSONValue)])
}

extension HTML {
    /// A `<script type="application/ld+json">` data block holding `value`. It is never executed
    /// (the CSP allows no script) and every string in it is escaped for JSON inside HTML.
    public static func jsonLD(_ value: JSONValue) -> HTML {
        var bytes = Array(#"<script type="application/ld+json">"#.utf8)
        append(value, to: &bytes)
        bytes.append(contentsOf: "</script>\n".utf8)
        return HTML(sanitizedBytes: bytes)
    }

    private static func append(_ value: JSONValue, to bytes: inout [UInt8]) {
        switch value {
        case .string(let text):
            bytes.append(0x22)
            appendEscapedJSONString(text, to: &bytes)
            bytes.append(0x22)
        case .number(let value):
            appendDecimal(value, to: &bytes)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                append(item, to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(0x22)
                appendEscapedJSONString(member.key, to: &bytes)
                bytes.append(contentsOf: [0x22, UInt8(ascii: ":")])
                append(member.value, to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }
}
