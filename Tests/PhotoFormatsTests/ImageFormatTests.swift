import PhotoFormats
import Testing

struct ImageFormatTests {
    @Test func recognisesSignatures() {
        #expect(ImageFormat.sniff([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(ImageFormat.sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]) == .png)
        #expect(ImageFormat.sniff(Array("hello".utf8)) == nil)
    }

    @Test func describesCommonNonPhotos() {
        #expect(ImageFormat.describeUnknown([]).contains("empty"))
        #expect(ImageFormat.describeUnknown(Array("just text\n".utf8)).contains("text"))
        #expect(ImageFormat.describeUnknown(Array("GIF89a".utf8)).contains("GIF"))
        #expect(ImageFormat.describeUnknown([0, 0, 0, 0x18] + Array("ftypheic".utf8)).contains("HEIC"))
    }
}
