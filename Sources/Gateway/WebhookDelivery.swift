import AsyncHTTPClient
import Crypto
import Foundation
import GRDB
import Logging
import NIOCore
import NIOHTTP1
import PhotoGateCore
import ServiceLifecycle
import Storage

/// Delivers outbox events to one webhook, in order, at least once.
///
/// Each request is `POST url` with the event as JSON and
/// `X-PhotoGate-Event-Id` (stable across retries), `X-PhotoGate-Event`,
/// `X-PhotoGate-Timestamp` and `X-PhotoGate-Signature: sha256=<hex HMAC-SHA256 over
/// "<timestamp>.<body>" with the webhook's secret>`. A 2xx answer moves the webhook's cursor
/// (stored in `webhookState`); anything else is retried with exponential backoff (1 s … 5 min).
/// Each webhook has its own cursor: a dead receiver delays only itself, never ingestion.
struct WebhookDelivery: Service {
    let gateway: Gateway
    let hook: WebhookConfig
    let client: HTTPClient
    /// How often to look for new events when idle.
    var pollInterval: Duration = .milliseconds(250)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let delivered = (try? await deliverNext()) ?? false
                if !delivered { try? await Task.sleep(for: pollInterval) }
            }
        }
    }

    /// Delivers the next due event, if any; true when something was delivered.
    func deliverNext() async throws -> Bool {
        let types = hook.events.map { Set($0.compactMap(EventType.init(rawValue:))) }
        let (state, next, head) = try await gateway.database.reader.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT deliveredSeq, attempts, nextAttemptAt FROM webhookState WHERE name = ?",
                                       arguments: [hook.name])
            let cursor: Int64 = row?["deliveredSeq"] ?? 0
            let state = (cursor: cursor, attempts: (row?["attempts"] as Int?) ?? 0, nextAttemptAt: row?["nextAttemptAt"] as Date?)
            return (state, try EventOutbox.events(db, after: cursor, limit: 1, types: types).first, try EventOutbox.head(db))
        }
        gateway.metrics.outboxDepth(webhook: hook.name, depth: head - state.cursor)
        guard let event = next else {
            if head > state.cursor { try await save(cursor: head, attempts: 0, nextAttempt: nil, error: nil) }  // nothing of ours
            return false
        }
        if let due = state.nextAttemptAt, due > Date() { return false }
        do {
            try await post(event)
            try await save(cursor: event.seq, attempts: 0, nextAttempt: nil, error: nil)
            return true
        } catch {
            let attempts = state.attempts + 1
            let delay = min(300.0, pow(2.0, Double(min(attempts - 1, 12))))
            try await save(cursor: state.cursor, attempts: attempts, nextAttempt: Date().addingTimeInterval(delay),
                           error: String(describing: error).prefix(500).description)
            gateway.logger.warning("webhook delivery failed; will retry", metadata: [
                "pg.webhook": "\(hook.name)", "pg.event.id": "\(event.id)", "pg.attempts": "\(attempts)"])
            return false
        }
    }

    func post(_ event: GatewayEvent) async throws {
        let body = JSON.encode(event)
        let timestamp = String(Int(Date().timeIntervalSince1970))
        var request = HTTPClientRequest(url: hook.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-PhotoGate-Event", value: event.type.rawValue)
        request.headers.add(name: "X-PhotoGate-Event-Id", value: event.id)
        request.headers.add(name: "X-PhotoGate-Timestamp", value: timestamp)
        request.headers.add(name: "X-PhotoGate-Signature", value: "sha256=" + Self.signature(secret: hook.secret, timestamp: timestamp, body: body))
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: .seconds(10))
        _ = try? await response.body.collect(upTo: 64 << 10)
        guard (200..<300).contains(response.status.code) else {
            throw PGError(.internalError, "webhook answered \(response.status.code)")
        }
    }

    /// Hex HMAC-SHA256 over `"<timestamp>.<body>"`.
    static func signature(secret: String, timestamp: String, body: [UInt8]) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(timestamp.utf8) + [UInt8(ascii: ".")] + body,
                                                  using: SymmetricKey(data: Data(secret.utf8)))
        return Hex.string(mac)
    }

    func save(cursor: Int64, attempts: Int, nextAttempt: Date?, error: String?) async throws {
        try await gateway.writer.write { db in
            try db.execute(sql: """
                INSERT INTO webhookState (name, deliveredSeq, attempts, nextAttemptAt, lastError) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET deliveredSeq = excluded.deliveredSeq, attempts = excluded.attempts,
                  nextAttemptAt = excluded.nextAttemptAt, lastError = excluded.lastError
                """, arguments: [hook.name, cursor, attempts, nextAttempt, error])
        }
    }
}
