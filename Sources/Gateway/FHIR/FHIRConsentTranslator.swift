import FHIR
import Foundation
import Mappings
import PhotoGateCore

/// Reads what the site mappings need from a FHIR R4 Consent (category, scope, the provision
/// tree with its purposes, actions, codes, periods and data references).
public enum FHIRConsentTranslator {
    /// Decodes JSON or XML, chosen by the first non-blank byte.
    public static func decodeAny(_ data: Data) throws -> FHIRResource {
        let first = data.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        let format: FHIRFormat = first == UInt8(ascii: "<") ? .xml : .json
        do { return try format.decode(data) } catch {
            throw PGError(.badRequest, "not a FHIR R4 resource (\(format.rawValue)): \(error)")
        }
    }

    public static func codes(of consent: FHIR.Consent) -> ConsentCodes {
        let categories = ([consent.scope] + consent.category).flatMap(\.coding).compactMap(code)
        return ConsentCodes(categories: categories, provision: consent.provision.map(provision))
    }

    static func provision(_ p: FHIR.Consent.Provision) -> ConsentCodes.Provision {
        ConsentCodes.Provision(
            deny: p.type?.rawValue == "deny",
            purposes: p.purpose.compactMap(code),
            actions: p.action.flatMap(\.coding).compactMap(code),
            codes: p.code.flatMap(\.coding).compactMap(code),
            period: p.period.map(period),
            assetIDs: p.data.compactMap { assetID($0.reference.reference) },
            provisions: p.provision.map(provision))
    }

    static func code(_ c: Coding) -> ConsentMapping.Code? {
        guard let system = c.system, let code = c.code else { return nil }
        return ConsentMapping.Code(system: system, code: code)
    }

    /// FHIR Period: start inclusive; a partial end date (e.g. `2027-06-30`) covers that whole day.
    static func period(_ p: FHIR.Period) -> PhotoGateCore.Period {
        PhotoGateCore.Period(start: p.start.flatMap(FHIRTemporal.start(of:)), end: p.end.flatMap(endOf))
    }

    static func endOf(_ text: String) -> Date? {
        guard let start = FHIRTemporal.start(of: text) else { return nil }
        switch text.count {
        case 4: return Calendar.utc.date(byAdding: .year, value: 1, to: start)
        case 7: return Calendar.utc.date(byAdding: .month, value: 1, to: start)
        case 10: return Calendar.utc.date(byAdding: .day, value: 1, to: start)
        default: return start
        }
    }

    /// `Media/123` (or an absolute URL ending in it) → `123`.
    static func assetID(_ reference: String?) -> String? {
        guard let reference, let range = reference.range(of: "Media/", options: .backwards) else { return nil }
        let id = reference[range.upperBound...].split(separator: "/").first.map(String.init)
        return id?.isEmpty == false ? id : nil
    }
}

extension Calendar {
    static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(secondsFromGMT: 0)!
        return c
    }()
}
