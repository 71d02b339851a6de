import AsyncHTTPClient
import Hummingbird
import Logging
import NIOCore
import PhotoGateCore
import ServiceLifecycle

/// Builds the HTTP application over a gateway: routes, auth, metrics, and the services that
/// run beside it (expiry scheduler, webhook deliveries). Used by `photogate serve` and by the
/// tests (`app.test(.router)` / `.live`).
public func buildApplication(gateway: Gateway, listeners: ListenerRegistry = ListenerRegistry(),
                             httpClient: HTTPClient = .shared) -> some ApplicationProtocol {
    GatewayMetricsSystem.bootstrap()
    let router = Router(context: GatewayRequestContext.self)
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: AuthMiddleware(gateway: gateway))
    SystemRoutes(gateway: gateway, listeners: listeners).add(to: router)
    AssetRoutes(gateway: gateway).add(to: router)
    PatientRoutes(gateway: gateway).add(to: router)
    FHIRRoutes(gateway: gateway).add(to: router)
    HL7Routes(gateway: gateway).add(to: router)
    DicomRoutes(gateway: gateway).add(to: router)
    DICOMwebRoutes(gateway: gateway).add(to: router)

    var services: [any Service] = [
        ExpiryScheduler(gateway: gateway), MLLPListener(gateway: gateway, listeners: listeners),
        DicomListener(gateway: gateway, listeners: listeners), DicomWorker(gateway: gateway),
    ]
    for hook in gateway.config.webhooks {
        services.append(WebhookDelivery(gateway: gateway, hook: hook, client: httpClient))
    }
    let config = gateway.config
    let logger = gateway.logger
    return Application(
        router: router,
        configuration: .init(address: .hostname(config.host, port: config.httpPort), serverName: "PhotoGate"),
        services: services,
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? config.httpPort
            await listeners.up("http")
            // One line per listener, with the chosen port (port 0 picks a free one).
            logger.notice("listening", metadata: ["pg.listener": "http", "pg.address": "\(config.host):\(port)"])
        },
        logger: logger
    )
}
