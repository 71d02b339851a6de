import DICOM
import TestSupport

extension StoreSCP {
    var peer: DicomPeer { DicomPeer(host: "127.0.0.1", port: port, aeTitle: aeTitle) }
}
