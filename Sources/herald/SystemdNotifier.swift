import Foundation

/// systemd's readiness and watchdog protocol (sd_notify(3)) spoken directly: one datagram per
/// state change to the Unix socket systemd names in `NOTIFY_SOCKET` (a path, or "@name" in the
/// abstract namespace). Without that variable (not started by systemd) every call does nothing.
struct SystemdNotifier: Sendable {
    let socketPath: String
    /// Half the watchdog period systemd asked for (`WATCHDOG_USEC`, for this process when
    /// `WATCHDOG_PID` is set): how often to say WATCHDOG=1. Nil: no watchdog.
    let watchdogInterval: TimeInterval?

    init?(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let path = environment["NOTIFY_SOCKET"], !path.isEmpty, path.utf8.count < 108 else { return nil }
        socketPath = path
        if let usec = environment["WATCHDOG_USEC"].flatMap(Double.init), usec > 0,
           environment["WATCHDOG_PID"].flatMap(Int32.init).map({ $0 == getpid() }) ?? true {
            watchdogInterval = usec / 2_000_000
        } else {
            watchdogInterval = nil
        }
    }

    /// Sends `state` ("READY=1", "STOPPING=1", "WATCHDOG=1", "STATUS=…"); false when it could not be sent.
    @discardableResult
    func send(_ state: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(socketPath.utf8)
        let abstract = bytes.first == UInt8(ascii: "@")
        withUnsafeMutableBytes(of: &address.sun_path) { path in
            for (index, byte) in bytes.enumerated() { path[index] = abstract && index == 0 ? 0 : byte }
        }
        // An abstract name's length is exact (no terminating NUL); a path's includes its NUL.
        let length = MemoryLayout.offset(of: \sockaddr_un.sun_path)! + bytes.count + (abstract ? 0 : 1)
        let message = Array(state.utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                message.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), socketAddress, socklen_t(length)) }
            }
        }
        return sent == message.count
    }

    /// Says WATCHDOG=1 every `watchdogInterval` while `healthy()` holds, on a thread of its own; a
    /// server that stops answering its health check stops the pings, and systemd restarts it.
    func startWatchdog(healthy: @escaping @Sendable () -> Bool) {
        guard let interval = watchdogInterval else { return }
        let thread = Thread { [self] in
            while true {
                if healthy() { send("WATCHDOG=1") }
                Thread.sleep(forTimeInterval: interval)
            }
        }
        thread.name = "systemd watchdog"
        thread.start()
    }
}
