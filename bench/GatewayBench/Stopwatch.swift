import Foundation

/// Wall-clock timing.
struct Stopwatch {
    private let start = DispatchTime.now().uptimeNanoseconds

    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    var ms: Double { seconds * 1000 }
}
