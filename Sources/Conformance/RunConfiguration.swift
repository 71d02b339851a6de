/// Where and as whom a run talks to the gateway.
public struct RunConfiguration: Sendable {
    public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
        public var host: String
        public var port: Int

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        /// `HOST:PORT`; nil when it is not one.
        public init?(parsing text: String) {
            guard let colon = text.lastIndex(of: ":"), let number = Int(text[text.index(after: colon)...]),
                  (1...65535).contains(number), colon > text.startIndex else { return nil }
            host = String(text[..<colon])
            port = number
        }

        public var description: String { "\(host):\(port)" }
    }

    /// The HTTP base URL, e.g. `http://127.0.0.1:8080` (no trailing slash).
    public var target: String
    /// Bearer tokens by role; `default` is the `--token` (an admin token runs every case).
    public var tokens: [String: String]
    public var mllp: Endpoint?
    public var dicom: Endpoint?
    public var calledAETitle: String
    /// Our AE title; the gateway must know it as a peer for C-FIND (its `dicom.peers`).
    public var callingAETitle: String
    /// The `photogate` executable, for `wrap` (DICOM store steps that wrap a photo).
    public var photogatePath: String
    public var connectTimeoutSeconds: Int64
    /// For each HTTP request, MLLP acknowledgment and DIMSE response.
    public var responseTimeoutSeconds: Int64

    public init(target: String, tokens: [String: String], mllp: Endpoint? = nil, dicom: Endpoint? = nil,
                calledAETitle: String = "PHOTOGATE", callingAETitle: String = "PGCONFORMANCE", photogatePath: String,
                connectTimeoutSeconds: Int64 = 5, responseTimeoutSeconds: Int64 = 30) {
        var t = target
        while t.hasSuffix("/") { t.removeLast() }
        self.target = t
        self.tokens = tokens
        self.mllp = mllp
        self.dicom = dicom
        self.calledAETitle = calledAETitle
        self.callingAETitle = callingAETitle
        self.photogatePath = photogatePath
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.responseTimeoutSeconds = responseTimeoutSeconds
    }
}
