import CDcmtkShim
import PhotoGateCore

/// Reads a whole data set (every element, sequences included) for the DICOM JSON model,
/// without loading Pixel Data or top-level binary values over `inlineMax` bytes.
/// Blocking file work: call it from a thread that may block.
public enum DicomDataSetReader {
    /// The elements of the file at `path`, in order.
    public static func read(path: String, inlineMax: Int = 1024) throws -> [DicomDataElement] {
        try DicomToolkit.initialize()
        let builder = Builder()
        var err = pgd_error()
        let rc = withExtendedLifetime(builder) {
            pgd_walk(path, inlineMax, { ctx, element in
                guard let ctx, let element else { return }
                Unmanaged<Builder>.fromOpaque(ctx).takeUnretainedValue().take(element.pointee)
            }, Unmanaged.passUnretained(builder).toOpaque(), &err)
        }
        guard rc == PGD_OK else {
            throw PGError(rc == PGD_E_IO ? .inputUnreadable : .invalidDicomFile, shimMessage(err))
        }
        return builder.stack.first?.elements ?? []
    }

    /// The value of one top-level attribute (not Pixel Data in an encapsulated transfer
    /// syntax — read its fragments with ``DicomFile``).
    public static func value(path: String, tag: UInt32) throws -> [UInt8] {
        try DicomToolkit.initialize()
        var out: UnsafeMutablePointer<UInt8>?
        var n = 0
        var err = pgd_error()
        let rc = pgd_copy_value(path, tag, &out, &n, &err)
        guard rc == PGD_OK, let out else {
            throw PGError(rc == PGD_E_ARG ? .notFound : .invalidDicomFile, shimMessage(err))
        }
        defer { pgd_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: n))
    }

    /// Turns the shim's flat walk (sequence and item brackets) into nested elements.
    private final class Builder {
        struct Level {
            var elements: [DicomDataElement] = []
            var sequenceTag: UInt32 = 0
            var items: [[DicomDataElement]] = []
        }

        /// [data set, (sequence, item)…]: a sequence level collects items; an item level elements.
        var stack: [Level] = [Level()]

        func take(_ e: pgd_element) {
            let vr = withUnsafeBytes(of: e.vr) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            switch Int32(e.kind) {
            case PGD_EL_VALUE:
                if let text = e.text {
                    let value = String(decoding: UnsafeRawBufferPointer(start: text, count: Int(e.length)), as: UTF8.self)
                    append(.text(tag: e.tag, vr: vr, value: value))
                } else {
                    let bytes = e.bytes.map { Array(UnsafeBufferPointer(start: $0, count: Int(e.length))) } ?? []
                    append(.bytes(tag: e.tag, vr: vr, value: bytes))
                }
            case PGD_EL_BULK:
                append(.bulk(tag: e.tag, vr: vr, length: e.length))
            case PGD_EL_SEQ_BEGIN:
                stack.append(Level(sequenceTag: e.tag))
            case PGD_EL_ITEM_BEGIN:
                stack.append(Level())
            case PGD_EL_ITEM_END:
                guard stack.count > 2 else { return }
                let item = stack.removeLast()
                stack[stack.count - 1].items.append(item.elements)
            case PGD_EL_SEQ_END:
                guard stack.count > 1 else { return }
                let sequence = stack.removeLast()
                append(.sequence(tag: sequence.sequenceTag, items: sequence.items))
            default:
                break
            }
        }

        private func append(_ element: DicomDataElement) {
            stack[stack.count - 1].elements.append(element)
        }
    }
}
