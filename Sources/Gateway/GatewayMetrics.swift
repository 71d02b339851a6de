import Metrics
import PhotoGateCore

/// The gateway's own metrics (swift-metrics; exported in Prometheus format at `/metrics`).
public struct GatewayMetrics: Sendable {
    public init() {}

    func decision(_ d: Decision) {
        Counter(label: "photogate_decisions_total", dimensions: [("outcome", d.allowed ? "allowed" : "denied")]).increment()
    }

    func decisions(allowed: Int, denied: Int) {
        if allowed > 0 { Counter(label: "photogate_decisions_total", dimensions: [("outcome", "allowed")]).increment(by: allowed) }
        if denied > 0 { Counter(label: "photogate_decisions_total", dimensions: [("outcome", "denied")]).increment(by: denied) }
    }

    func event(_ type: EventType) {
        Counter(label: "photogate_events_total", dimensions: [("type", type.rawValue)]).increment()
    }

    func outboxDepth(webhook: String, depth: Int64) {
        Gauge(label: "photogate_outbox_depth", dimensions: [("webhook", webhook)]).record(depth)
    }

    func upload(bytes: Int) {
        Counter(label: "photogate_uploads_total").increment()
        Counter(label: "photogate_upload_bytes_total").increment(by: bytes)
    }
}
