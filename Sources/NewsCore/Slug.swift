import HeraldSupport
/// URL slugs: lower-case ASCII letters and digits in hyphen-separated runs, 1–120 characters.
public enum Slug {
    /// The longest slug accepted.
    public static let maxLength = 120

    /// True when `text` is a well-formed slug.
    public static func isValid<S: StringProtocol>(_ text: S) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= maxLength, bytes.first != 0x2D, bytes.last != 0x2D else { return false }
        var previousHyphen = false
        for byte in bytes {
            switch byte {
            case 0x61...0x7A, 0x30...0x39: previousHyphen = false
            case 0x2D:
                if previousHyphen { return false }
                previousHyphen = true
            default: return false
            }
        }
        return true
    }

    /// True when `text` is a section path: 1–8 slugs joined by "/" ("news/elections").
    public static func isValidPath<S: StringProtocol>(_ text: S) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return (1...8).contains(parts.count) && parts.allSatisfy { isValid($0) }
    }
}
