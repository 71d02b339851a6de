import Foundation
import Gateway
import PhotoGateCore
import Storage

/// One run of the three sections on a fresh data directory (removed at the end).
enum FHIRBench {
    static let mrnSystem = "https://hospital.example/fhir/sid/mrn"
    static let patients = 1_000
    static let target = 2_000.0  // Consent creates/s on 2 cores (issue #5)

    static func run(seconds: Int, clients: Int) async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("photogate-fhir-bench-\(getpid())").path
        try? FileManager.default.removeItem(atPath: work)
        defer { try? FileManager.default.removeItem(atPath: work) }

        var config = GatewayConfig()
        config.dataDir = "\(work)/data"
        config.httpPort = try Load.freePort()
        config.mllpPort = 0
        config.dicomPort = 0
        config.mappings = FileManager.default.currentDirectoryPath + "/Mappings"
        let gateway = try Gateway(config: config, environment: [:])
        let token = try await gateway.database.writer.write { db in
            try TokenStore.create(db, name: "bench-integration", role: .integration, at: Date()).token
        }
        say("fhir bench: \(clients) concurrent clients, \(seconds) s per section, \(patients) patients, "
            + "\(ProcessInfo.processInfo.activeProcessorCount) cores, data directory \(config.dataDir)")

        let load = try await Load.start(gateway, clients: clients)
        do {
            try await sections(load, gateway, token: token, seconds: Double(seconds), clients: clients)
        } catch {
            await load.stop()
            throw error
        }
        await load.stop()
    }

    static func sections(_ load: Load, _ gateway: Gateway, token: String, seconds: Double, clients: Int) async throws {
        // Patients the consents are for, created by conditional update (an upsert).
        var ids: [String] = []
        for n in 0..<patients {
            let reply = try await load.request("PUT", patientURI(n), token: token, body: patient(n, family: "Created"))
            guard reply.status == 200 || reply.status == 201, let id = reply.json["id"] as? String else {
                throw BenchError("creating patient \(n): HTTP \(reply.status) \(reply.text)")
            }
            ids.append(id)
        }
        let patientIDs = ids
        let (dateTime, start, end) = consentDates()

        // 1. /health: the HTTP ceiling of this machine.
        let health = try await load.measure(seconds: seconds, clients: clients) { _ in
            try await load.request("GET", "/health", token: nil)
        }
        report("1. `GET /health`", health, unit: "req/s")

        // 2. Consent create, each for an existing patient (round robin).
        var before = gateway.writer.statistics
        let creates = try await load.measure(seconds: seconds, clients: clients) { k in
            try await load.request("POST", "/fhir/Consent", token: token,
                                   body: consent(patient: patientIDs[k % patientIDs.count], dateTime: dateTime, start: start, end: end))
        }
        report("2. `POST /fhir/Consent`", creates, unit: "creates/s", ceiling: health)
        writerReport(gateway, since: before)

        // 3. Patient conditional update with a changing name.
        before = gateway.writer.statistics
        let updates = try await load.measure(seconds: seconds, clients: clients) { k in
            try await load.request("PUT", patientURI(k % patients), token: token, body: patient(k % patients, family: "Family\(k)"))
        }
        report("3. `PUT /fhir/Patient?identifier=…`", updates, unit: "updates/s", ceiling: health)
        writerReport(gateway, since: before)

        let rate = creates.rate
        say(String(format: "Consent creates: %@ (target ≥ %@ creates/s): %@", Format.rate(rate, "creates/s"),
                   Format.grouped(Int(target)), rate >= target ? "target met" : "TARGET MISSED"))
    }

    /// How the store's one writer spent a section: commits (fsyncs), writes per commit, and its
    /// busy time per write (running the writes, and committing).
    static func writerReport(_ gateway: Gateway, since before: GroupCommitWriter.Statistics) {
        let after = gateway.writer.statistics
        let writes = Double(max(after.writes - before.writes, 1))
        func us(_ d: Duration) -> Double { Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12 }
        say(String(format: "  writer: %d commits, %.1f writes per commit; busy %.0f µs per write (%.0f µs in the writes, the rest committing)",
                   after.commits - before.commits, writes / Double(max(after.commits - before.commits, 1)),
                   us(after.committing - before.committing) / writes, us(after.working - before.working) / writes))
    }

    static func report(_ name: String, _ r: Load.Result, unit: String, ceiling: Load.Result? = nil) {
        var line = "\(name): \(Format.rate(r.rate, unit)), p50 \(Format.ms(r.p50)), p99 \(Format.ms(r.p99)), "
            + "\(Format.grouped(r.ok)) ok, \(Format.grouped(r.failed)) failed"
        if let ceiling { line += String(format: ", %.1f %% of /health", 100 * r.rate / ceiling.rate) }
        say(line)
        if let first = r.firstFailure { say("  first failure: \(first)") }
    }

    static func patientURI(_ n: Int) -> String { "/fhir/Patient?identifier=\(mrnSystem)%7CBENCH\(n)" }

    static func patient(_ n: Int, family: String) -> [UInt8] {
        Array("""
        {"resourceType":"Patient","identifier":[{"system":"\(mrnSystem)","value":"BENCH\(n)"}],
         "name":[{"use":"official","family":"\(family)","given":["Anna"]}],"gender":"female","birthDate":"1970-05-01"}
        """.utf8)
    }

    /// The shape of `FHIRSamples.consent` in the tests: publication on website and print.
    static func consent(patient: String, dateTime: String, start: String, end: String) -> [UInt8] {
        let channel = "http://photogate.org/fhir/CodeSystem/publication-channel"
        return Array("""
        {"resourceType":"Consent","status":"active",
         "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
         "category":[{"coding":[{"system":"http://photogate.org/fhir/CodeSystem/consent-category","code":"photo-publication"}]}],
         "patient":{"reference":"Patient/\(patient)"},"dateTime":"\(dateTime)",
         "policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTIN"}]},
         "provision":{"type":"permit","period":{"start":"\(start)","end":"\(end)"},
                      "purpose":[{"system":"\(channel)","code":"website"},{"system":"\(channel)","code":"print"}]}}
        """.utf8)
    }

    /// Consent.dateTime (a minute ago) and a provision period from 30 days ago to a year ahead.
    static func consentDates() -> (String, String, String) {
        let now = Date()
        let instant = ISO8601DateFormatter()
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return (instant.string(from: now - 60), day.string(from: now - 30 * 86_400), day.string(from: now + 365 * 86_400))
    }
}
