import FHIR
import Foundation
import GRDB
import PhotoGateCore
import Storage

/// FHIR Patient ↔ the core patient.
///
/// The core patient is found (or created) by the identifier whose system is the MRN system
/// of `Mappings/identifiers.yaml`; names, birth date, gender and `deceased[x]` go through
/// ``Gateway/patchPatient(_:_:by:)``, so a `deceasedBoolean: true` or a `deceasedDateTime`
/// runs the death workflow exactly as the JSON API does.
///
/// The core change and the FHIR version are written in the same transaction (see
/// ``FHIRServer``): both or neither.
extension FHIRServer {
    static let patientParameters: [FHIRSearchParameter] = [
        FHIRSearchParameter(name: "_id", type: .token, documentation: "Logical id of the Patient"),
        FHIRSearchParameter(name: "identifier", type: .token, documentation: "system|value, |value, value or system|"),
        FHIRSearchParameter(name: "family", type: .string, documentation: "Family name: starts with, case-insensitive; :exact for an exact match"),
        FHIRSearchParameter(name: "birthdate", type: .date, documentation: "Birth date with eq, ne, lt, le, gt, ge"),
    ]

    /// The search index of a Patient version.
    static func index(_ p: FHIR.Patient, id: String) -> [(String, String)] {
        var index: [(String, String)] = [("_id", FHIRSearchParameter.token(system: nil, id))]
        for i in p.identifier { if let v = i.value { index.append(("identifier", FHIRSearchParameter.token(system: i.system, v))) } }
        for n in p.name {
            if let f = n.family {
                index.append(("family", f.lowercased()))
                index.append(("family:exact", f))
            }
        }
        if let b = p.birthDate { index.append(("birthdate", b)) }
        return index
    }

    /// The MRN identifier of a Patient (422 without one).
    func mrn(of p: FHIR.Patient) throws -> PhotoGateCore.Identifier {
        let system = gateway.mappings.identifiers.mrnSystem
        let values = p.identifier.filter { $0.system == system }.compactMap(\.value)
        guard let value = values.first else {
            throw FHIRFailure(422, .businessRule, "the Patient needs an identifier with system \(system) (the MRN, Mappings/identifiers.yaml)",
                              expression: ["Patient.identifier"])
        }
        guard Set(values).count == 1 else {
            throw FHIRFailure(422, .businessRule, "the Patient has more than one MRN (\(system))", expression: ["Patient.identifier"])
        }
        return PhotoGateCore.Identifier(system: system, value: value)
    }

    /// What the core takes from a Patient. Elements that are absent leave the core as it is:
    /// in particular only an explicit `deceasedBoolean: false` cancels a death notice.
    func patch(of p: FHIR.Patient) throws -> PatientPatch {
        var patch = PatientPatch()
        let name = p.name.first { $0.use?.rawValue == "official" } ?? p.name.first
        patch.family = name?.family
        if let given = name?.given, !given.isEmpty { patch.given = given }
        if let b = p.birthDate, b.count == 10 { patch.birthDate = b }
        patch.gender = p.gender?.rawValue
        switch p.deceased {
        case .boolean(let v): patch.deceased = v
        case .dateTime(let text):
            guard let at = FHIRTemporal.start(of: text) else {
                throw FHIRFailure(400, .value, "deceasedDateTime '\(text)' is not a dateTime", expression: ["Patient.deceasedDateTime"])
            }
            patch.deceasedAt = at
        case nil: break
        }
        try Gateway.checkPatch(patch)
        return patch
    }

    /// Create, update or conditional update of a Patient, in its own transaction.
    func writePatient(_ patient: FHIR.Patient, target: Target, by who: Principal) async throws -> Written {
        let template = FHIRStampTemplate(.patient(patient), at: gateway.clock())
        return try await gateway.writer.write { db in
            try self.writePatient(db, patient, target: target, template: template, by: who)
        }
    }

    /// Create, update or conditional update of a Patient inside the caller's transaction:
    /// the core patient (death workflow included) and the FHIR version. `resolved` is the
    /// target a transaction resolved before processing its entries.
    func writePatient(_ db: Database, _ patient: FHIR.Patient, target: Target, resolved: Resolved? = nil,
                      template: FHIRStampTemplate? = nil, by who: Principal) throws -> Written {
        let identifier = try mrn(of: patient)
        let patch = try patch(of: patient)
        let r = try resolved ?? resolve(db, type: "Patient", target: target, bodyID: patient.id, parameters: Self.patientParameters)
        if let matched = r.matched {
            try gateway.audit(db, who, "fhir.create", outcome: "matched",
                              detail: ["resource": "Patient/\(matched.id)", "conditional": "If-None-Exist"])
            return Written(version: matched, created: false, existing: true)
        }
        // One live FHIR Patient per MRN: a second one would map onto the same core patient.
        let (_, ids) = try FHIRResourceStore.search(db, type: "Patient", criteria: [
            FHIRSearchCriterion(param: "identifier", anyOf: [.equals(FHIRSearchParameter.token(system: identifier.system, identifier.value))]),
        ], count: 2, offset: 0)
        if let other = ids.first(where: { $0 != r.id }) {
            throw FHIRFailure(409, .duplicate, "Patient/\(other) already has the MRN \(identifier); update it (or use PUT Patient?identifier=\(identifier))")
        }
        if let current = r.current, !current.deleted, let old = try FHIRResourceStore.latest(db, type: "Patient", id: r.id),
           let json = old.json, case .patient(let previous)? = try? FHIRJSON.decode(Data(json.utf8)),
           let oldMRN = try? mrn(of: previous), oldMRN != identifier {
            throw FHIRFailure(422, .businessRule, "the MRN of Patient/\(r.id) cannot change (\(oldMRN) → \(identifier)); merges are not supported yet")
        }
        // The core change (patient, death workflow, audit, events), then the FHIR version.
        let (core, _) = try gateway.applyPatientPatch(db, identifier, patch, by: who)
        let created = r.current == nil || r.current?.deleted == true
        let template = template?.usable(after: r.current?.lastUpdated)
        let at = template?.at ?? gateway.clock()
        let v = try FHIRResourceStore.save(db, type: "Patient", id: r.id, method: created ? "POST" : "PUT", at: at,
                                           coreId: core.id, index: Self.index(patient, id: r.id)) { vid in
            template?.render(id: r.id, versionId: vid) ?? Self.stamped(.patient(patient), id: r.id, versionId: vid, at: at)
        }
        try gateway.audit(db, who, created ? "fhir.create" : "fhir.update", patient: core.id,
                          detail: ["resource": "Patient/\(r.id)", "version": String(v.versionId)])
        return Written(version: v, created: created)
    }
}
