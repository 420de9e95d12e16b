import Foundation
import HTTPServer
import Synchronization

/// Failed sign-ins remembered per account and address: after `failures` within `window` seconds,
/// further attempts for that account from that address are refused for the rest of the window —
/// the right password included — and an address failing across many accounts is refused too.
/// In memory: a restart forgets it, and the table is bounded.
public final class SignInThrottle: Sendable {
    private struct Key: Hashable {
        let account: String
        let address: ClientAddress
    }

    private let failures: Int
    private let window: Int64
    private let table = Mutex<(byAccount: [Key: [Int64]], byAddress: [ClientAddress: [Int64]])>(([:], [:]))
    /// Failures from one address across accounts before it is refused.
    private var addressFailures: Int { failures * 4 }

    /// A throttle allowing `failures` failed attempts per `window` seconds.
    public init(failures: Int, window: Int64) {
        self.failures = failures
        self.window = window
    }

    /// Seconds to wait before `account` may be tried again from `address`; nil when it may now.
    public func retryAfter(account: String, address: ClientAddress, now: Int64) -> Int64? {
        table.withLock { table in
            let key = Key(account: account.lowercased(), address: address)
            let recent = (table.byAccount[key] ?? []).filter { now - $0 < window }
            let fromAddress = (table.byAddress[address] ?? []).filter { now - $0 < window }
            var wait: Int64?
            if recent.count >= failures { wait = recent[recent.count - failures] + window - now }
            if fromAddress.count >= addressFailures {
                wait = max(wait ?? 0, fromAddress[fromAddress.count - addressFailures] + window - now)
            }
            return wait.map { max(1, $0) }
        }
    }

    /// Records a failed attempt.
    public func failed(account: String, address: ClientAddress, now: Int64) {
        table.withLock { table in
            let key = Key(account: account.lowercased(), address: address)
            table.byAccount[key, default: []].append(now)
            table.byAccount[key] = Array(table.byAccount[key]!.filter { now - $0 < window }.suffix(failures * 2))
            table.byAddress[address, default: []].append(now)
            table.byAddress[address] = Array(table.byAddress[address]!.filter { now - $0 < window }.suffix(addressFailures * 2))
            // Bounded: past 10,000 keys the stale ones go.
            if table.byAccount.count > 10_000 { table.byAccount = table.byAccount.filter { $0.value.contains { now - $0 < window } } }
            if table.byAddress.count > 10_000 { table.byAddress = table.byAddress.filter { $0.value.contains { now - $0 < window } } }
        }
    }

    /// Forgets an account's failures from an address (a successful sign-in).
    public func succeeded(account: String, address: ClientAddress) {
        table.withLock { _ = $0.byAccount.removeValue(forKey: Key(account: account.lowercased(), address: address)) }
    }
}
