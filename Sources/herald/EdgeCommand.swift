import ArgumentParser
import Edge
import Foundation

/// `herald edge vcl`: the Varnish configuration of a cache node.
struct EdgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edge", abstract: "Cache nodes in front of Herald (Varnish 7.1 with xkey).",
                                                    subcommands: [PrintVCL.self])

    struct PrintVCL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "vcl", abstract: "Print the VCL of a cache node (deploy/varnish/herald.vcl is the output for the defaults).")
        @Option(help: "The origin the node fetches from, HOST:PORT.") var origin = "127.0.0.1:8080"
        @Option(help: "The secret Herald's purges carry (herald serve --purge-secret).") var purgeSecret = "change-this-purge-secret"
        @Option(name: .customLong("purger"), help: "An address allowed to purge (repeatable; default 127.0.0.1 and ::1).")
        var purgers: [String] = []
        @Flag(help: "Leave Popular in the pages instead of an ESI fragment (faster delivery; each new ranking purges the edition's pages).")
        var noEsi = false

        func validate() throws {
            guard origin.split(separator: ":").count >= 2, let port = Int(origin.split(separator: ":").last!), (1...65535).contains(port) else {
                throw ValidationError("--origin must be HOST:PORT, e.g. 127.0.0.1:8080")
            }
            guard purgeSecret.count >= 16, purgeSecret.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "\"" && $0 != "%" }) else {
                throw ValidationError("--purge-secret must be at least 16 printable ASCII characters without spaces, quotes or %")
            }
            for purger in purgers where !purger.allSatisfy({ $0.isHexDigit || ".:/".contains($0) }) {
                throw ValidationError("--purger \(purger): must be an IP address or a network (10.0.0.0/8)")
            }
        }

        func run() throws {
            print(VCL.text(origin: origin, secret: purgeSecret, purgers: purgers.isEmpty ? ["127.0.0.1", "::1"] : purgers, esi: !noEsi),
                  terminator: "")
        }
    }
}
