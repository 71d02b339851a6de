import Foundation
@testable import Gateway
import Testing

/// The IDs the gateway gives records and events.
struct GatewayIDTests {
    @Test func idsAreLowerCaseVersion4UUIDsAndUnique() throws {
        // Given many new IDs
        let ids = (0..<10_000).map { _ in Gateway.randomUUID() }
        // Then each is a lower-case RFC 9562 version 4 UUID, and none repeats
        for id in ids.prefix(1_000) {
            let uuid = try #require(UUID(uuidString: id), "\(id)")
            #expect(id == id.lowercased() && id.count == 36)
            #expect(uuid.uuid.6 >> 4 == 4 && uuid.uuid.8 >> 6 == 0b10, "\(id)")
        }
        #expect(Set(ids).count == ids.count)
    }
}
