/// Runs `body`, giving up after `seconds` with ``ConformanceError``: no step can hang a run.
func withDeadline<T: Sendable>(seconds: Int64, _ what: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw ConformanceError("\(what): no answer within \(seconds) s")
        }
        return value
    }
}
