/// A STOW-RS instance refused with a specific Failure Reason (PS3.18 I.2.2).
struct StowFailure: Error, Sendable {
    var reason: UInt16
    var message: String

    init(reason: UInt16, _ message: String) {
        self.reason = reason
        self.message = message
    }
}
