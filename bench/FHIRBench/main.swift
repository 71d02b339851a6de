// FHIR benchmark: `GET /health`, FHIR Consent create and Patient conditional update over HTTP
// with concurrent clients against a real gateway on a temporary data directory. Prints figures;
// asserts nothing.
//
//   bench/run-fhir [SECONDS=10] [CLIENTS=8]
import Foundation

let arguments = CommandLine.arguments.dropFirst().map { Int($0) }
let seconds = max((arguments.first ?? nil) ?? 10, 1)
let clients = max((arguments.dropFirst().first ?? nil) ?? 8, 1)
do {
    try await FHIRBench.run(seconds: seconds, clients: clients)
} catch {
    FileHandle.standardError.write(Data("fhir bench failed: \(error)\n".utf8))
    exit(1)
}
