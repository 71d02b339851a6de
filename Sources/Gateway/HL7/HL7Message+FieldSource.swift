import HL7
import Mappings

/// The mapping engine reads HL7 v2 messages through this view: repetitions of components of
/// sub-components, unescaped (HL7 v2.5.1 §2.7), null (`""`) read as empty.
extension HL7Message: HL7FieldSource {
    public var triggerEvent: String? { header.messageType?.triggerEvent }

    public func repetitions(segment: String, field: Int) -> [[[String]]] {
        guard let seg = self.segment(segment) else { return [] }
        // MSH-1 is the field separator itself: MSH fields are numbered from 1 but stored from MSH-2.
        let f = seg.field(field)
        return f.repetitions.map { rep in
            rep.components.map { comp in
                (1...max(comp.subcomponentCount, 1)).map { comp.subcomponent($0) ?? "" }
            }
        }
    }
}
