import Foundation

/// The clock the writers stamp the audit and change logs with: Unix seconds now. Each writer
/// takes another one for tests and for the demo loader.
public enum UnixClock {
    public static let system: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
}
