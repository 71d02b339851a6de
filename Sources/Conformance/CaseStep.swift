import HL7

/// One step of a case: what to send, what the answer must show, what to remember of it.
public struct CaseStep: Sendable {
    public let name: String
    /// The line of the step in `case.yaml`.
    public let line: Int
    public let action: StepAction
    public let expectations: [Expectation]
    public let captures: [Capture]

    /// `as:` values that are not roles: `none` sends no token, `invalid` a made-up one.
    public static let pseudoRoles: Set<String> = ["none", "invalid", "default"]

    public init(name: String, line: Int, action: StepAction, expectations: [Expectation], captures: [Capture]) {
        self.name = name
        self.line = line
        self.action = action
        self.expectations = expectations
        self.captures = captures
    }
}

/// What a step sends. Strings may hold `${variables}` (see ``Variables``), replaced when the
/// step runs.
public enum StepAction: Sendable {
    /// An HTTP request to the target (`/api`, `/fhir`, `/dicomweb`, …).
    case http(HTTPRequestStep)
    /// An HL7 v2 message over MLLP; waits for `acks` acknowledgments.
    case hl7(HL7Step)
    /// DICOM C-ECHO (PS3.4 A.4).
    case dicomEcho(DicomTarget)
    /// DICOM C-STORE of a Part 10 file, or of a photo wrapped with `photogate wrap` first.
    case dicomStore(DicomStoreStep)
    /// DICOM C-FIND (PS3.4 C.4.1).
    case dicomFind(DicomFindStep)
    /// Remembers where the gateway's event stream (`GET /api/events`) ends now.
    case eventsMark
    /// Fetches every event after the mark: `{"events": [...]}`.
    case eventsSinceMark

    var interface: ConformanceCase.Interface {
        switch self {
        case .http, .eventsMark, .eventsSinceMark: return .http
        case .hl7: return .mllp
        case .dicomEcho, .dicomStore, .dicomFind: return .dicom
        }
    }
}

public struct HTTPRequestStep: Sendable {
    public enum Body: Sendable {
        /// Sent as JSON text (`Content-Type: application/json` unless the step sets one).
        case json(JSON)
        case text(String)
        /// Bytes of a file; `${variables}` replaced when `substitute` (text files).
        case file(path: String, substitute: Bool)
    }

    public var method: String
    /// Path and query, appended to the target URL.
    public var path: String
    /// Which token: a role (`integration`, …), `default` (the `--token`), `none`, `invalid`.
    public var role: String?
    public var headers: [(String, String)]
    public var body: Body?

    public init(method: String, path: String, role: String?, headers: [(String, String)], body: Body?) {
        self.method = method
        self.path = path
        self.role = role
        self.headers = headers
        self.body = body
    }
}

public struct HL7Step: Sendable {
    /// The message text, segments separated by `\r` (line ends of the file are converted).
    public var message: String
    /// How many acknowledgments to wait for: 1 (original mode), 2 (enhanced: commit and
    /// application ACK), 0 (none expected: the step waits `wait` seconds for silence).
    public var acks: Int
    /// Where the message came from (file name or `inline`).
    public var source: String

    public init(message: String, acks: Int, source: String) {
        self.message = message
        self.acks = acks
        self.source = source
    }
}

/// Overrides of the DICOM association for a step (to test rejections).
public struct DicomTarget: Sendable {
    public var calledAETitle: String?
    public var callingAETitle: String?

    public init(calledAETitle: String? = nil, callingAETitle: String? = nil) {
        self.calledAETitle = calledAETitle
        self.callingAETitle = callingAETitle
    }
}

public struct DicomStoreStep: Sendable {
    public enum Source: Sendable {
        case file(String)
        /// `photogate wrap PHOTO --patient-id … ` with these options (`patient-id: X` → `--patient-id X`).
        case wrap(photo: String, options: [(String, String)])
    }

    public var source: Source
    public var target: DicomTarget

    public init(source: Source, target: DicomTarget) {
        self.source = source
        self.target = target
    }
}

public struct DicomFindStep: Sendable {
    public var root: String
    public var level: String
    /// Keyword (or `ggggeeee`) and value; an empty value is a return key.
    public var keys: [(String, String)]
    public var target: DicomTarget

    public init(root: String, level: String, keys: [(String, String)], target: DicomTarget) {
        self.root = root
        self.level = level
        self.keys = keys
        self.target = target
    }
}
