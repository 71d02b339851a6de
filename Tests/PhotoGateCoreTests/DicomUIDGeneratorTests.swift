import PhotoGateCore
import Testing

struct DicomUIDGeneratorTests {
    @Test func withoutRootMakesUUIDDerivedUIDs() throws {
        let g = try DicomUIDGenerator(root: nil)
        let uids = (0..<1000).map { _ in g.makeUID() }
        #expect(Set(uids).count == uids.count)
        for uid in uids {
            #expect(uid.hasPrefix("2.25."))
            #expect(uid.count <= 64)
            #expect((try? DicomValue.ui(uid, field: "uid")) == uid)
        }
    }

    @Test func usesTheConfiguredRootAndStaysWithin64Characters() throws {
        let root = "1.2.826.0.1.3680043.10.1234.5678.9012.3456"
        let g = try DicomUIDGenerator(root: root)
        for _ in 0..<200 {
            let uid = g.makeUID()
            #expect(uid.hasPrefix(root + "."))
            #expect(uid.count <= 64)
            #expect((try? DicomValue.ui(uid, field: "uid")) == uid)
        }
    }

    @Test(arguments: ["1.2.", "01.2", "1..2", "1.2.a", "1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19"])
    func rejectsInvalidRoots(root: String) {
        #expect(throws: PGError.self) { try DicomUIDGenerator(root: root) }
    }
}
