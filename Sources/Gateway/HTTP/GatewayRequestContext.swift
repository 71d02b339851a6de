import Hummingbird
import PhotoGateCore
import Storage

/// The request context of every route: who is calling (set by ``AuthMiddleware``).
public struct GatewayRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?
    /// The port the request arrived on (DICOMweb builds absolute URLs with it when the Host
    /// header names none).
    public var localPort: Int?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        principal = nil
        localPort = source.channel.localAddress?.port
    }
}
