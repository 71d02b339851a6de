import Foundation
import Logging
import ServiceLifecycle

/// Runs ``Gateway/expiryTick(batch:)`` every `schedulerIntervalSeconds` (and once at start,
/// which catches up on whatever fell due while the gateway was down).
struct ExpiryScheduler: Service {
    let gateway: Gateway

    func run() async throws {
        let interval = gateway.config.schedulerIntervalSeconds
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let raised = try await gateway.expiryTick()
                    if raised > 0 { gateway.logger.info("expiry scheduler raised events", metadata: ["pg.scheduler.raised": "\(raised)"]) }
                } catch {
                    gateway.logger.error("expiry scheduler tick failed", metadata: ["pg.error": "\(error)"])
                }
                try? await Task.sleep(for: .seconds(interval))
            }
        }
    }
}
