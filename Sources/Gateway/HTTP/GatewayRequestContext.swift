import Hummingbird
import PhotoGateCore
import Storage

/// The request context of every route: who is calling (set by ``AuthMiddleware``).
public struct GatewayRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        principal = nil
    }
}
