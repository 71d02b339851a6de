import Foundation

/// Paths to the committed fixtures and a scratch directory per test.
public enum Fixtures {
    /// The repository root, found from this file's location.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func photo(_ name: String) -> String {
        root.appendingPathComponent("Tests/Fixtures/photos/\(name)").path
    }

    public static func bytes(_ name: String) throws -> [UInt8] {
        try Array(Data(contentsOf: URL(fileURLWithPath: photo(name))))
    }

    /// A new empty directory under the system temporary directory.
    public static func scratchDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("photogate-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Names of the files in `dir` (hidden ones included).
    public static func listing(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }
}
