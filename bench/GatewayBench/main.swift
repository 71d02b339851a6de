// Gateway benchmark: the gateway core on a store of ASSETS assets — store set-up, publication
// decisions in-process and over HTTP, the death fan-out, the expiry scheduler tick, durable
// uploads. Prints figures; asserts nothing.
//
//   bench/run-gateway [ASSETS=1000000]
import Foundation

let assets = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_000 : 1_000_000
do {
    try await GatewayBench.run(assets: max(assets, 5_000))
} catch {
    FileHandle.standardError.write(Data("gateway bench failed: \(error)\n".utf8))
    exit(1)
}
