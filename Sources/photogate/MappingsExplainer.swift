import FHIR
import Foundation
import Gateway
import HL7
import Mappings
import PhotoGateCore

/// What `photogate mappings explain` prints: the record the mappings make of a message and
/// why (which rule, which identifier mapping).
enum MappingsExplainer {
    static func hl7(file: String, site: SiteMappings) throws -> String {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw PGError(.inputUnreadable, "cannot read \(file)")
        }
        let message: HL7Message
        do { message = try HL7Message(parsing: Array(data)) } catch {
            throw PGError(.badRequest, "\(file): not an HL7 v2 message: \(error)")
        }
        let header = message.header
        let facts = site.patient(from: message)
        var lines = ["message       \(header.messageType?.description ?? "?") control id \(header.controlID ?? "?") version \(header.version ?? "?")",
                     "sender        \(header.sendingApplication) / \(header.sendingFacility)",
                     "identifiers"]
        lines += facts.identifierNotes.map { "  " + $0 }
        lines.append("MRN           \(facts.mrn?.description ?? "(none: the message cannot be matched to a patient)")")
        lines.append("name          \(facts.family ?? "-")^\(facts.given.joined(separator: " "))")
        lines.append("birth date    \(facts.birthDate ?? "-")")
        lines.append("gender        \(facts.gender ?? "-")")
        let prior = site.priorIdentifiers(in: message)
        if !prior.isEmpty { lines.append("merge of      " + prior.map(\.description).joined(separator: ", ")) }
        if let death = site.deathNotice(in: message) {
            lines.append("death notice  yes, rule '\(death.rule)', died \(death.deceasedAt.map { ISO8601DateFormatter().string(from: $0) } ?? "at an unknown time")")
        } else {
            lines.append("death notice  no (no rule of death.yaml holds)")
        }
        return lines.joined(separator: "\n")
    }

    static func fhir(file: String, site: SiteMappings) throws -> String {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw PGError(.inputUnreadable, "cannot read \(file)")
        }
        let resource = try FHIRConsentTranslator.decodeAny(data)
        switch resource {
        case .consent(let consent):
            let codes = FHIRConsentTranslator.codes(of: consent)
            let terms = try site.terms(of: codes)
            var lines = ["consent       \(consent.id ?? "(no id)") status \(consent.status.rawValue)",
                         "channels      " + (terms.channels.isEmpty ? "(none)" : terms.channels.map { $0.rawValue }.joined(separator: ", "))]
            switch terms.scope {
            case .allAssets: lines.append("scope         every photo of the patient")
            case .assets(let ids): lines.append("scope         assets " + ids.joined(separator: ", "))
            }
            let f = ISO8601DateFormatter()
            func text(_ p: PhotoGateCore.Period?) -> String {
                guard let p else { return "whole" }
                let start = p.start.map { f.string(from: $0) } ?? "open"
                let end = p.end.map { f.string(from: $0) } ?? "open"
                return start + " … " + end
            }
            lines.append("period        " + text(terms.period))
            for deny in terms.denies {
                let channels = deny.channels.map { $0.map { $0.rawValue }.joined(separator: ",") } ?? "all"
                let assets = deny.assetIDs?.joined(separator: ",") ?? "all"
                lines.append("deny          channels \(channels) assets \(assets) period \(text(deny.period))")
            }
            return lines.joined(separator: "\n")
        default:
            throw PGError(.badRequest, "\(file): explain reads a FHIR Consent")
        }
    }
}
