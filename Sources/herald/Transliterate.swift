import ArgumentParser
import Foundation
import NewsCore

extension KazakhScript: ExpressibleByArgument {}

/// `herald transliterate --to kk-Latn|kk-Arab`: Kazakh Cyrillic on standard input, the same
/// text in the Latin or Arabic script on standard output (for editors and scripts).
struct Transliterate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Transliterate Kazakh Cyrillic text from standard input into the Latin (2021) or Arabic script.")
    @Option(name: .long, help: "The script to write: kk-Latn or kk-Arab.") var to: KazakhScript
    @Flag(name: .long, help: "Keep Markdown markup as written (inline code, link targets, addresses).") var markdown = false

    func run() throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(validating: input, as: UTF8.self) else {
            let offset = Self.firstInvalidByte(input)
            FileHandle.standardError.write(Data("herald: transliterate: standard input is not UTF-8 text (byte \(offset))\n".utf8))
            throw ExitCode(1)
        }
        let result = markdown ? KazakhTransliteration.transliterateMarkdown(text, to: to) : KazakhTransliteration.transliterate(text, to: to)
        FileHandle.standardOutput.write(Data(result.utf8))
    }

    /// The offset of the first byte that does not begin a valid UTF-8 sequence.
    static func firstInvalidByte(_ data: Data) -> Int {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while case .scalarValue(let scalar) = decoder.decode(&iterator) { offset += UTF8.width(scalar) }
        return offset
    }
}
