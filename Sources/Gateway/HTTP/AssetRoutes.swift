import Foundation
import Hummingbird
import PhotoGateCore

/// `/api/assets…`
struct AssetRoutes {
    let gateway: Gateway

    func add(to router: Router<GatewayRequestContext>) {
        let g = gateway
        router.post("/api/assets") { request, context in
            let who = try await context.require(.uploader, .clinician, .communications, gateway: g, action: "upload photos")
            var request = request
            let type = request.headers[.contentType] ?? ""
            guard type.hasPrefix("image/jpeg") || type.hasPrefix("image/png") else {
                throw PGError(.unsupportedMediaType, "send the photo as image/jpeg or image/png (got '\(type)')")
            }
            guard let patient = try request.identifierQuery("patient") else {
                throw PGError(.missingRequired, "the patient query parameter (system|value) is required")
            }
            let stream = try request.query("stream").map {
                guard let s = AssetStream(rawValue: $0) else { throw PGError(.badRequest, "stream must be clinical or communication") }
                return s
            } ?? .clinical
            let laterality = try request.query("laterality").map {
                guard let l = Laterality(rawValue: $0.uppercased()) else { throw PGError(.badRequest, "laterality must be L, R, U or B") }
                return l
            }
            let body = try await request.bytes(limit: g.config.maxUploadBytes)
            let asset = try await g.upload(Array(body.readableBytesView), UploadRequest(
                patient: patient, stream: stream, bodySite: request.query("bodySite"), laterality: laterality,
                description: request.query("description"), capturedAt: try request.dateQuery("capturedAt")), by: who)
            return Reply.json(asset, status: .created, headers: [.location: "/api/assets/\(asset.id)"])
        }
        router.get("/api/assets") { request, context in
            let who = try await context.require(.clinician, .communications, .privacyOfficer, gateway: g, action: "list assets")
            let state = try request.query("state").map {
                guard let s = AssetState(rawValue: $0) else { throw PGError(.badRequest, "unknown state '\($0)'") }
                return s
            }
            return Reply.json(try await g.listAssets(
                patient: try request.identifierQuery("patient"), state: state,
                limit: try request.intQuery("limit", default: 100, range: 1...1000),
                offset: try request.intQuery("offset", default: 0, range: 0...Int(Int32.max)), by: who))
        }
        router.patch("/api/assets") { request, context in
            let who = try await context.require(.clinician, .communications, gateway: g, action: "tag assets")
            var request = request
            let input = try await request.json(TagInput.self, limit: g.config.maxJSONBytes)
            return Reply.json(try await g.tagAssets(input.assets, add: input.addTags ?? [], remove: input.removeTags ?? [], by: who))
        }
        router.get("/api/assets/{id}") { _, context in
            let who = try await context.require(.clinician, .communications, .privacyOfficer, gateway: g, action: "read assets")
            return Reply.json(try await g.assetDetail(try context.parameters.require("id"), by: who))
        }
        router.get("/api/assets/{id}/decision") { request, context in
            let who = try await context.require(.communications, gateway: g, action: "query decisions")
            guard let channel = request.query("channel") else { throw PGError(.missingRequired, "channel is required") }
            let decision = try await g.decide(assetID: try context.parameters.require("id"), channel: Channel(channel),
                                              at: try request.dateQuery("at"), by: who)
            return Reply.json(DecisionView(decision))
        }
        router.post("/api/decisions") { request, context in
            let who = try await context.require(.communications, gateway: g, action: "query decisions")
            var request = request
            let input = try await request.json(BatchInput.self, limit: 8 << 20)
            return Reply.json(["decisions": try await g.decideBatch(input.decisions, by: who).map(DecisionView.init)])
        }
        router.get("/api/assets/{id}/rendition") { request, context in
            let who = try await context.require(.communications, gateway: g, action: "download renditions")
            guard let channel = request.query("channel") else { throw PGError(.missingRequired, "channel is required") }
            let id = try context.parameters.require("id")
            let jpeg = try await g.rendition(id, channel: Channel(channel), by: who)
            return Reply.bytes(jpeg, contentType: "image/jpeg",
                               headers: [.contentDisposition: "inline; filename=\"\(id)-\(channel).jpg\""])
        }
        router.get("/api/assets/{id}/original") { _, context in
            let who = try await context.require(.clinician, gateway: g, action: "read original photos")
            let (bytes, type) = try await g.assetBytes(try context.parameters.require("id"), dicom: false, by: who)
            return Reply.bytes(bytes, contentType: type)
        }
        router.get("/api/assets/{id}/dicom") { _, context in
            let who = try await context.require(.clinician, gateway: g, action: "read DICOM objects")
            let (bytes, type) = try await g.assetBytes(try context.parameters.require("id"), dicom: true, by: who)
            return Reply.bytes(bytes, contentType: type)
        }
        router.post("/api/assets/{id}/usages") { request, context in
            let who = try await context.require(.communications, gateway: g, action: "record publications")
            var request = request
            let input = try await request.json(UsageInput.self, limit: g.config.maxJSONBytes)
            let usage = try await g.recordUsage(try context.parameters.require("id"), input, by: who)
            return Reply.json(usage, status: .created)
        }
        router.get("/api/assets/{id}/usages") { _, context in
            let who = try await context.require(.communications, .privacyOfficer, gateway: g, action: "read publications")
            return Reply.json(try await g.usages(try context.parameters.require("id"), by: who))
        }
        router.get("/api/review") { request, context in
            let who = try await context.require(.communications, gateway: g, action: "read the review queue")
            return Reply.json(try await g.reviewQueue(limit: try request.intQuery("limit", default: 100, range: 1...1000),
                                                      offset: try request.intQuery("offset", default: 0, range: 0...Int(Int32.max)),
                                                      by: who))
        }
        router.post("/api/assets/{id}/review") { request, context in
            let who = try await context.require(.communications, gateway: g, action: "review assets")
            var request = request
            let input = try await request.json(ReviewInput.self, limit: g.config.maxJSONBytes)
            guard let action = ReviewAction(rawValue: input.action) else {
                throw PGError(.badRequest, "action must be release or archive")
            }
            return Reply.json(try await g.review(try context.parameters.require("id"), action: action,
                                                 note: input.note ?? "", by: who))
        }
    }
}

struct TagInput: Decodable {
    var assets: [String]
    var addTags: [String]?
    var removeTags: [String]?
}

struct BatchInput: Decodable {
    var decisions: [DecisionQuery]
}

struct ReviewInput: Decodable {
    var action: String
    var note: String?
}
