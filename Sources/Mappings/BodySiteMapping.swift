import PhotoGateCore

/// `body-sites.yaml`: SNOMED CT body sites ↔ DICOM Body Part Examined (PS3.16 Annex L,
/// CID 4031) and whether a part is paired (laterality then required).
enum BodySiteMapping {
    static func load(_ root: YAMLNode) throws -> BodySiteCatalog {
        let top = try root.mapping(allowed: ["sites"], required: ["sites"])
        var sites: [BodySite] = []
        var codes: [String: Int] = [:], parts: [String: Int] = [:]
        for entry in try top["sites"]!.sequence() {
            let m = try entry.mapping(allowed: ["code", "meaning", "bodyPart", "paired"],
                                      required: ["code", "meaning", "bodyPart", "paired"])
            let code = try m["code"]!.nonEmptyString()
            guard code.allSatisfy(\.isNumber), (6...18).contains(code.count) else {
                throw m["code"]!.error("'\(code)' is not a SNOMED CT concept id (6-18 digits)")
            }
            let part = try m["bodyPart"]!.nonEmptyString()
            guard part.count <= 16, part.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == " " || $0 == "_" }) else {
                throw m["bodyPart"]!.error("'\(part)' is not a Body Part Examined defined term (upper case, at most 16 characters)")
            }
            if let first = codes[code] { throw m["code"]!.error("code \(code) is mapped twice (first at line \(first))") }
            if let first = parts[part] { throw m["bodyPart"]!.error("body part \(part) is mapped twice (first at line \(first))") }
            codes[code] = m["code"]!.line
            parts[part] = m["bodyPart"]!.line
            let meaning = try m["meaning"]!.nonEmptyString()
            guard meaning.count <= 64 else { throw m["meaning"]!.error("meaning is longer than 64 characters (DICOM LO)") }
            sites.append(BodySite(snomedCode: code, meaning: meaning, bodyPartExamined: part, paired: try m["paired"]!.bool()))
        }
        return BodySiteCatalog(sites: sites)
    }
}
