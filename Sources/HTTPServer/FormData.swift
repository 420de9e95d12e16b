import Foundation

/// A submitted form: its fields in order and, for multipart bodies, the uploaded files.
public struct FormData: Sendable {
    /// Field values in the order sent (a name may repeat).
    public var fields: [(name: String, value: String)]
    /// Uploaded files, each in its own temporary file (deleted when the response has been sent;
    /// a handler that keeps one moves it first).
    public var files: [UploadedFile]

    /// A form with these fields and files.
    public init(fields: [(name: String, value: String)] = [], files: [UploadedFile] = []) {
        self.fields = fields
        self.files = files
    }

    /// The first value of a field.
    public func value(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Every value of a field, in order.
    public func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    /// The first file sent under a field name.
    public func file(_ name: String) -> UploadedFile? { files.first { $0.field == name } }
}

/// One uploaded file of a multipart form.
public struct UploadedFile: Sendable, Equatable {
    /// The form field it was sent under.
    public var field: String
    /// The name the client gave (not trusted for anything but display).
    public var filename: String
    /// The Content-Type the client declared (not trusted either).
    public var declaredType: String
    /// The temporary file holding the bytes.
    public var path: String
    /// Its size in bytes.
    public var size: Int
    /// The file was larger than the route allows: nothing of it was kept.
    public var exceededLimit = false
}

/// Why a form body was refused (400, or 413 for sizes).
public enum FormError: Error, Equatable, Sendable {
    case badEncoding
    case controlCharacter
    case invalidUTF8
    case tooLarge
    case tooManyFields
    case malformedMultipart(String)

    /// The HTTP error to answer with.
    public var httpError: HTTPError {
        switch self {
        case .badEncoding: return .badRequest("form_encoding", "The form could not be decoded.")
        case .controlCharacter: return .badRequest("form_control_character", "The form contains control characters.")
        case .invalidUTF8: return .badRequest("form_utf8", "The form is not valid UTF-8 text.")
        case .tooLarge: return .payloadTooLarge
        case .tooManyFields: return .badRequest("form_fields", "The form has too many fields.")
        case .malformedMultipart(let detail): return .badRequest("form_multipart", "The upload is malformed (\(detail)).")
        }
    }
}

/// `application/x-www-form-urlencoded` (the WHATWG URL standard's form encoding).
public enum URLEncodedForm {
    /// Decodes a body into fields: `+` is a space, `%HH` a byte. Unlike a request target, values may
    /// span lines (a textarea): CR LF and lone CR become LF and tabs are kept; NUL and every other
    /// control character is refused, as is invalid UTF-8, and more than `maximumFields` fields.
    public static func decode(_ body: [UInt8], maximumFields: Int = 1000) -> Result<[(name: String, value: String)], FormError> {
        var fields: [(name: String, value: String)] = []
        for pair in body.split(separator: UInt8(ascii: "&"), maxSplits: maximumFields, omittingEmptySubsequences: true) {
            guard fields.count < maximumFields else { return .failure(.tooManyFields) }
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            let rawName = pair[..<(equals ?? pair.endIndex)]
            let rawValue = equals.map { pair[($0 + 1)...] } ?? []
            switch (field(rawName), field(rawValue)) {
            case (.success(let name), .success(let value)): fields.append((name, value))
            case (.failure(let error), _), (_, .failure(let error)): return .failure(error)
            }
        }
        return .success(fields)
    }

    /// Encodes fields the way a browser does (tests and redirects).
    public static func encode(_ fields: [(name: String, value: String)]) -> String {
        fields.map { "\(escape($0.name))=\(escape($0.value))" }.joined(separator: "&")
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "*"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "): out += "+"
            default: out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }

    private static func field(_ input: ArraySlice<UInt8>) -> Result<String, FormError> {
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var index = input.startIndex
        while index < input.endIndex {
            var byte = input[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < input.endIndex, let high = RequestTarget.hexValue(input[index + 1]),
                      let low = RequestTarget.hexValue(input[index + 2]) else {
                    return .failure(.badEncoding)
                }
                byte = high << 4 | low
                index += 3
            } else {
                if byte == UInt8(ascii: "+") { byte = UInt8(ascii: " ") }
                index += 1
            }
            out.append(byte)
        }
        return text(out)
    }

    /// Checks decoded bytes: line breaks normalised to LF, other controls refused, UTF-8 required.
    static func text(_ bytes: [UInt8]) -> Result<String, FormError> {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D {
                out.append(0x0A)
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
            } else if byte == 0x0A || byte == 0x09 || (byte >= 0x20 && byte != 0x7F) {
                out.append(byte)
            } else {
                return .failure(.controlCharacter)
            }
            index += 1
        }
        guard let text = String(validating: out, as: UTF8.self) else { return .failure(.invalidUTF8) }
        return .success(text)
    }
}

/// The media type of a Content-Type value, lower-cased, without parameters.
func mediaType(_ contentType: String?) -> String {
    guard let contentType else { return "" }
    let media = contentType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
    return media.trimmingSpaces().lowercased()
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
