/// The status of an event such as a Media capture (FHIR R4 valueset-event-status.html).
public enum EventStatus: String, FHIRCode {
    case preparation
    case inProgress = "in-progress"
    case notDone = "not-done"
    case onHold = "on-hold"
    case stopped
    case completed
    case enteredInError = "entered-in-error"
    case unknown

    public static let valueSet = "http://hl7.org/fhir/ValueSet/event-status"
}
