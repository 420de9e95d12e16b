import Foundation

/// Reads a `multipart/form-data` body (RFC 7578) as it arrives, chunk by chunk: text fields are
/// kept in memory up to a limit each, files are written straight to temporary files, so an upload
/// never sits whole in memory and the route's byte limit is enforced while reading. Only the
/// request's worker thread touches a reader.
public final class MultipartReader {
    /// Bounds on what a body may hold besides its total size (checked by the server).
    public struct Limits: Sendable {
        /// A text field (an article's body is up to 500,000 characters, 2 MB of UTF-8).
        public var fieldBytes = 4 << 20
        /// A file: past this it is emptied and marked, and the rest of the form still read.
        public var fileBytes = Int.max
        public var headerBytes = 8192
        public var parts = 256
        public init() {}
    }

    private enum State {
        case preamble, afterDelimiter, headers, body, epilogue
    }

    private enum Sink {
        case field(name: String, bytes: [UInt8])
        case file(UploadedFile, descriptor: Int32)
    }

    private let delimiter: [UInt8]
    private let directory: String
    private let limits: Limits
    private var state = State.preamble
    private var buffer: [UInt8]
    private var sink: Sink?
    private var fields: [(name: String, value: String)] = []
    private var files: [UploadedFile] = []
    private var parts = 0

    /// A reader for the boundary a Content-Type names; nil when it names none (or a bad one).
    public init?(contentType: String, directory: String, limits: Limits = Limits()) {
        guard mediaType(contentType) == "multipart/form-data",
              let boundary = Self.parameter("boundary", in: contentType),
              (1...70).contains(boundary.utf8.count) else { return nil }
        delimiter = Array("\r\n--\(boundary)".utf8)
        self.directory = directory
        self.limits = limits
        // The first delimiter may open the body without a line break before it.
        buffer = [0x0D, 0x0A]
    }

    deinit { closeSink() }

    /// Takes the next chunk of the body.
    public func feed(_ chunk: UnsafeRawBufferPointer) throws(FormError) {
        guard state != .epilogue else { return }
        buffer.append(contentsOf: chunk)
        try process()
    }

    /// The form once the whole body is in; throws when it ended early.
    public func finish() throws(FormError) -> FormData {
        guard state == .epilogue else { throw .malformedMultipart("the body ended before its closing boundary") }
        return FormData(fields: fields, files: files)
    }

    /// Deletes every temporary file written (the response has been sent, or the body was refused).
    public func removeFiles() {
        closeSink()
        for file in files { unlink(file.path) }
        files.removeAll()
    }

    private func process() throws(FormError) {
        while true {
            switch state {
            case .preamble:
                guard let found = find(delimiter) else {
                    buffer.removeFirst(max(0, buffer.count - delimiter.count))
                    return
                }
                buffer.removeFirst(found + delimiter.count)
                state = .afterDelimiter
            case .afterDelimiter:
                // "--" closes the body; otherwise optional padding, then CRLF and the part's headers.
                guard buffer.count >= 2 else { return }
                if buffer[0] == UInt8(ascii: "-") && buffer[1] == UInt8(ascii: "-") {
                    state = .epilogue
                    buffer.removeAll()
                    return
                }
                guard let end = find([0x0D, 0x0A]) else {
                    if buffer.count > 64 { throw .malformedMultipart("a boundary line is malformed") }
                    return
                }
                guard buffer[..<end].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else {
                    throw .malformedMultipart("a boundary line is malformed")
                }
                buffer.removeFirst(end + 2)
                state = .headers
            case .headers:
                // A part with no header lines: its blank line comes first (and it has no name).
                if buffer.count >= 2 && buffer[0] == 0x0D && buffer[1] == 0x0A { throw .malformedMultipart("a part has no form-data name") }
                guard let end = find([0x0D, 0x0A, 0x0D, 0x0A]) else {
                    if buffer.count > limits.headerBytes { throw .malformedMultipart("a part's headers are too long") }
                    return
                }
                guard end <= limits.headerBytes else { throw .malformedMultipart("a part's headers are too long") }
                let headers = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(end + 4)
                try open(headers)
                state = .body
            case .body:
                if let found = find(delimiter) {
                    try write(buffer[..<found])
                    buffer.removeFirst(found + delimiter.count)
                    try closePart()
                    state = .afterDelimiter
                } else {
                    // Keep what could be the start of a delimiter split across chunks.
                    let safe = max(0, buffer.count - (delimiter.count - 1))
                    try write(buffer[..<safe])
                    buffer.removeFirst(safe)
                    return
                }
            case .epilogue:
                buffer.removeAll()
                return
            }
        }
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard buffer.count >= needle.count else { return nil }
        let first = needle[0]
        var index = 0
        let last = buffer.count - needle.count
        return buffer.withUnsafeBufferPointer { bytes -> Int? in
            while index <= last {
                guard let hit = bytes[index...last].firstIndex(of: first) else { return nil }
                if bytes[hit..<(hit + needle.count)].elementsEqual(needle) { return hit }
                index = hit + 1
            }
            return nil
        }
    }

    private func open(_ headers: String) throws(FormError) {
        parts += 1
        guard parts <= limits.parts else { throw .malformedMultipart("too many parts") }
        var disposition: String?
        var type = "application/octet-stream"
        for line in headers.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { throw .malformedMultipart("a part header is malformed") }
            let name = line[..<colon].lowercased()
            let value = String(line[line.index(after: colon)...]).trimmingSpaces()
            if name == "content-disposition" { disposition = value }
            if name == "content-type" { type = value }
        }
        guard let disposition, mediaType(disposition) == "form-data",
              let name = Self.parameter("name", in: disposition) else {
            throw .malformedMultipart("a part has no form-data name")
        }
        guard let filename = Self.parameter("filename", in: disposition) else {
            sink = .field(name: name, bytes: [])
            return
        }
        var template = Array((directory.hasSuffix("/") ? directory : directory + "/").utf8CString.dropLast())
            + Array("herald-upload-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw .malformedMultipart("the upload could not be stored") }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // Only the last path component of the client's name, without control characters.
        let shown = String(filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
            .filter { !($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) }
        let file = UploadedFile(field: name, filename: String(shown.prefix(255)), declaredType: String(type.prefix(200)),
                                path: path, size: 0)
        files.append(file)
        sink = .file(file, descriptor: descriptor)
    }

    private func write(_ bytes: ArraySlice<UInt8>) throws(FormError) {
        guard !bytes.isEmpty, let sink else { return }
        switch sink {
        case .field(let name, var collected):
            guard collected.count + bytes.count <= limits.fieldBytes else { throw .tooLarge }
            collected.append(contentsOf: bytes)
            self.sink = .field(name: name, bytes: collected)
        case .file(var file, let descriptor):
            if file.exceededLimit { return }
            guard file.size + bytes.count <= limits.fileBytes else {
                // Nothing of an over-limit file is kept: the handler says so beside its field.
                _ = ftruncate(descriptor, 0)
                file.exceededLimit = true
                file.size = 0
                self.sink = .file(file, descriptor: descriptor)
                return
            }
            let written = bytes.withUnsafeBytes { raw -> Int in
                var offset = 0
                while offset < raw.count {
                    let n = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                    if n <= 0 { return -1 }
                    offset += n
                }
                return offset
            }
            guard written == bytes.count else { throw .malformedMultipart("the upload could not be stored") }
            file.size += written
            self.sink = .file(file, descriptor: descriptor)
        }
    }

    private func closePart() throws(FormError) {
        guard let sink else { return }
        self.sink = nil
        switch sink {
        case .field(let name, let bytes):
            switch URLEncodedForm.text(bytes) {
            case .success(let value): fields.append((name, value))
            case .failure(let error): throw error
            }
        case .file(let file, let descriptor):
            close(descriptor)
            if let index = files.lastIndex(where: { $0.path == file.path }) { files[index] = file }
        }
    }

    private func closeSink() {
        if case .file(_, let descriptor) = sink { close(descriptor) }
        sink = nil
    }

    /// A parameter of a header value (`boundary=…`, `name="…"`), quoted or not.
    static func parameter(_ wanted: String, in value: String) -> String? {
        var rest = Substring(value)
        while let semicolon = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semicolon)...].drop { $0 == " " || $0 == "\t" }
            guard let equals = rest.firstIndex(of: "=") else { return nil }
            let key = rest[..<equals].lowercased()
            var after = rest[rest.index(after: equals)...]
            var parsed = ""
            if after.first == "\"" {
                after = after.dropFirst()
                var escaped = false
                var end = after.endIndex
                for index in after.indices {
                    let character = after[index]
                    if escaped { parsed.append(character); escaped = false; continue }
                    if character == "\\" { escaped = true; continue }
                    if character == "\"" { end = index; break }
                    parsed.append(character)
                }
                guard end != after.endIndex else { return nil }
                rest = after[after.index(after: end)...]
            } else {
                let end = after.firstIndex(of: ";") ?? after.endIndex
                parsed = String(after[..<end]).trimmingSpaces()
                rest = after[end...]
            }
            if key == wanted { return parsed }
        }
        return nil
    }
}
