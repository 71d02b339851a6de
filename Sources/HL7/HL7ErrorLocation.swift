/// Where an error was found: the ERL data type of ERR-2 (HL7 v2.5.1 §2.A.27,
/// `segment^sequence^field^repetition^component^subcomponent`, e.g. `PID^1^3^1^1`).
///
/// `segmentSequence` counts occurrences of the segment ID in the message, from 1 (the second
/// `NK1` segment is `NK1^2`). Positions are 1-based; a nil position is left empty, and so is
/// everything after it.
public struct HL7ErrorLocation: Sendable, Hashable, CustomStringConvertible {
    public var segmentID: String
    public var segmentSequence: Int
    public var field: Int?
    public var fieldRepetition: Int?
    public var component: Int?
    public var subcomponent: Int?

    public init(
        segmentID: String, segmentSequence: Int = 1, field: Int? = nil, fieldRepetition: Int? = nil,
        component: Int? = nil, subcomponent: Int? = nil
    ) {
        self.segmentID = segmentID
        self.segmentSequence = segmentSequence
        self.field = field
        self.fieldRepetition = fieldRepetition
        self.component = component
        self.subcomponent = subcomponent
    }

    /// The location a path points at. Positions the path leaves out stay empty, except a field
    /// repetition, written as 1 when the path names a component (ERL has no gaps).
    public init(_ path: HL7Path) {
        self.init(
            segmentID: path.segment, segmentSequence: path.segmentRepetition, field: path.field,
            fieldRepetition: path.fieldRepetition ?? (path.component == nil ? nil : 1),
            component: path.component, subcomponent: path.subcomponent
        )
    }

    /// The ERL components in order, up to the last one valued.
    public var components: [String] {
        var parts = [segmentID, String(segmentSequence)]
        for position in [field, fieldRepetition, component, subcomponent] {
            guard let position else { break }
            parts.append(String(position))
        }
        return parts
    }

    /// `PID^1^3^1^1` with the standard component separator.
    public var description: String { components.joined(separator: "^") }
}
