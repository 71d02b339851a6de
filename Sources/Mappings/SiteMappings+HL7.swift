import Foundation
import PhotoGateCore

/// A patient record as the mappings read it from an HL7 v2 message.
public struct HL7PatientFacts: Sendable, Equatable {
    public var identifiers: [Identifier]
    /// The identifier patients are matched on, when the message carries it.
    public var mrn: Identifier?
    public var family: String?
    public var given: [String]
    public var birthDate: String?
    public var gender: String?
    /// How each PID-3 repetition was mapped, for `photogate mappings explain`.
    public var identifierNotes: [String]
}

/// A death notice found by a rule of `death.yaml`.
public struct DeathNotice: Sendable, Equatable {
    public var rule: String
    public var deceasedAt: Date?
}

extension SiteMappings {
    /// The patient facts in a message (identifiers via identifiers.yaml, fields via hl7-patient.yaml).
    public func patient(from message: some HL7FieldSource) -> HL7PatientFacts {
        var facts = HL7PatientFacts(identifiers: [], mrn: nil, family: nil, given: [], birthDate: nil, gender: nil,
                                    identifierNotes: [])
        let ref = patient.identifiers
        for rep in message.repetitions(segment: ref.segment, field: ref.field) {
            guard let id = Self.identifier(in: rep, identifiers: identifiers, notes: &facts.identifierNotes) else { continue }
            facts.identifiers.append(id)
            if identifiers.isMRN(id.system), facts.mrn == nil { facts.mrn = id }
        }
        // XPN: 1 family (FN.1 surname), 2 given, 3 second given, 7 name type (Table 0200).
        let names = message.repetitions(segment: patient.name.segment, field: patient.name.field)
        let chosen = patient.preferNameTypes.lazy.compactMap { type in
            names.first { ($0.count > 6 ? $0[6].first : nil) == type }
        }.first ?? names.first
        if let name = chosen {
            facts.family = name.first?.first.flatMap { $0.isEmpty ? nil : $0 }
            facts.given = [1, 2].compactMap { name.count > $0 ? name[$0].first : nil }.filter { !$0.isEmpty }
        }
        facts.birthDate = message.value(patient.birthDate).flatMap(HL7Time.day)
        facts.gender = message.value(patient.gender).flatMap { patient.genderMap[$0] }
        return facts
    }

    /// The prior patient's identifiers in a merge message (MRG-1).
    public func priorIdentifiers(in message: some HL7FieldSource) -> [Identifier] {
        var notes: [String] = []
        return message.repetitions(segment: patient.priorIdentifiers.segment, field: patient.priorIdentifiers.field)
            .compactMap { Self.identifier(in: $0, identifiers: identifiers, notes: &notes) }
    }

    /// The first death rule (in file order) whose conditions all hold, with the time of death.
    public func deathNotice(in message: some HL7FieldSource) -> DeathNotice? {
        for rule in death.rules where rule.when.allSatisfy({ Self.holds($0, in: message) }) {
            let at = rule.deceasedAt.lazy.compactMap { message.value($0).flatMap(HL7Time.date) }.first
            return DeathNotice(rule: rule.name, deceasedAt: at)
        }
        return nil
    }

    static func holds(_ condition: Condition, in message: some HL7FieldSource) -> Bool {
        switch condition {
        case .event(let events): return message.triggerEvent.map(events.contains) ?? false
        case .valueIn(let ref, let values): return message.value(ref).map(values.contains) ?? false
        case .present(let ref, let present): return (message.value(ref) != nil) == present
        }
    }

    /// CX → Identifier: CX.1 id, CX.4 HD (namespace ^ universal id), CX.5 type. Components
    /// of CX.4 are sub-components here (HL7 v2.5.1 §2.A.14: HD inside CX uses `&`).
    static func identifier(in cx: [[String]], identifiers: IdentifierMapping, notes: inout [String]) -> Identifier? {
        guard let id = cx.first?.first, !id.isEmpty else { return nil }
        let hd = cx.count > 3 ? cx[3] : []
        let namespace = hd.first.flatMap { $0.isEmpty ? nil : $0 }
        let universal = hd.count > 1 && !hd[1].isEmpty ? hd[1] : nil
        let type = cx.count > 4 ? cx[4].first.flatMap { $0.isEmpty ? nil : $0 } : nil
        if let system = identifiers.system(authorityNamespace: namespace, authorityUniversalID: universal, type: type) {
            notes.append("\(id) (authority \(namespace ?? universal ?? "-"), type \(type ?? "-")) → \(system)\(identifiers.isMRN(system) ? " [MRN]" : "")")
            return Identifier(system: system, value: id)
        }
        let system = IdentifierMapping.unmappedSystem(namespace ?? universal, type)
        notes.append("\(id) (authority \(namespace ?? universal ?? "-"), type \(type ?? "-")) → not mapped, kept as \(system)")
        return Identifier(system: system, value: id)
    }
}
