import Hummingbird
import Metrics
import NIOCore
import PhotoGateCore
import Prometheus

/// `/health` (the only unauthenticated route) and `/metrics` (Prometheus text format).
struct SystemRoutes {
    let gateway: Gateway
    let listeners: ListenerRegistry

    func add(to router: Router<GatewayRequestContext>) {
        let g = gateway
        let listeners = listeners
        router.get("/health") { _, _ in
            let states = await listeners.snapshot()
            let up = !states.isEmpty && states.values.allSatisfy { $0 }
            return Reply.json(HealthView(status: up ? "ok" : "starting", listeners: states),
                              status: up ? .ok : .serviceUnavailable)
        }
        router.get("/metrics") { _, context in
            _ = try await context.require(.privacyOfficer, gateway: g, action: "read metrics")
            var buffer: [UInt8] = []
            GatewayMetricsSystem.registry.emit(into: &buffer)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                            body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }
}

struct HealthView: Encodable {
    var status: String
    var listeners: [String: Bool]
}

/// Which listeners are up: `/health` is 200 only when all of them are.
public actor ListenerRegistry {
    private var states: [String: Bool] = [:]
    public init() {}
    public func expect(_ name: String) { states[name] = states[name] ?? false }
    public func up(_ name: String) { states[name] = true }
    public func down(_ name: String) { states[name] = false }
    public func snapshot() -> [String: Bool] { states }
}

/// The process-wide metrics backend (swift-metrics can be bootstrapped once per process).
public enum GatewayMetricsSystem {
    public static let registry = PrometheusCollectorRegistry()
    private static let once: Void = MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

    /// Installs the Prometheus backend; safe to call more than once.
    public static func bootstrap() { _ = once }
}
