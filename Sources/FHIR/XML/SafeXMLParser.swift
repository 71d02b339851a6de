import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses untrusted XML with FoundationXML (libxml2) in the configuration PLATFORM.md
/// found safe against XXE, billion laughs and their encoding disguises:
/// 1. the input size is capped;
/// 2. before parsing, anything that is not plain UTF-8 XML without a DTD is rejected: UTF-16
///    and UTF-32 byte order marks, NUL bytes (how UTF-16/32 text looks in bytes), a second BOM,
///    a first character other than `<` (EBCDIC), an XML declaration naming any encoding but
///    UTF-8 (UTF-7 could hide markup), and every `<!` that does not open a comment or CDATA
///    section — so `<!DOCTYPE`, `<!ENTITY`, `<!ELEMENT`, `<!ATTLIST` never reach the parser;
/// 3. the parser keeps its default external entity policy (never resolve), and
/// 4. a non-nil `parserError` is a failure even when `parse()` returned true.
/// FHIR XML forbids DTDs anyway (FHIR R4 xml.html, "XML format": no DTD, no entities but
/// the predefined and character references).
enum SafeXMLParser {
    static func parse(_ input: Data, limits: FHIRDecodingLimits) throws(FHIRError) -> ParsedXMLElement {
        let bytes = try preflight(input, limits: limits)
        let parser = XMLParser(data: bytes)
        parser.shouldProcessNamespaces = true
        let builder = TreeBuilder(maxDepth: limits.maxDepth)
        parser.delegate = builder
        let ok = parser.parse()
        if let problem = builder.problem {
            throw FHIRError(.structure, problem)
        }
        if !ok || parser.parserError != nil {
            let code = (parser.parserError as NSError?)?.code ?? -1
            throw FHIRError(.structure, "the XML is not well-formed (line \(parser.lineNumber), column \(parser.columnNumber), libxml2 error \(code))")
        }
        guard let root = builder.root else { throw FHIRError(.structure, "the XML document has no root element") }
        return root
    }

    /// The checks of step 2; returns the bytes to parse (a UTF-8 BOM removed).
    static func preflight(_ input: Data, limits: FHIRDecodingLimits) throws(FHIRError) -> Data {
        guard input.count <= limits.maxBytes else {
            throw FHIRError(.tooLong, "the document is \(input.count) bytes; at most \(limits.maxBytes) are accepted")
        }
        var b = [UInt8](input)
        let utf16or32: [[UInt8]] = [[0xFE, 0xFF], [0xFF, 0xFE], [0x00, 0x00, 0xFE, 0xFF]]
        if utf16or32.contains(where: { b.starts(with: $0) }) {
            throw FHIRError(.structure, "only UTF-8 XML is accepted (found a UTF-16 or UTF-32 byte order mark)")
        }
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b.removeFirst(3) }
        if b.starts(with: [0xEF, 0xBB, 0xBF]) || b.starts(with: [0xFE, 0xFF]) || b.starts(with: [0xFF, 0xFE]) {
            throw FHIRError(.structure, "the XML starts with more than one byte order mark")
        }
        if b.contains(0) {
            throw FHIRError(.structure, "the XML contains NUL bytes (UTF-16/UTF-32 text is not accepted)")
        }
        guard let first = b.firstIndex(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            throw FHIRError(.structure, "the XML document is empty")
        }
        guard b[first] == UInt8(ascii: "<") else {
            throw FHIRError(.structure, "the XML does not start with '<' (only UTF-8 XML is accepted)")
        }
        if b[first...].starts(with: Array("<?xml".utf8)), let end = find(Array("?>".utf8), in: b, from: first) {
            let declaration = String(decoding: b[first..<end], as: UTF8.self).lowercased()
            if let range = declaration.range(of: "encoding") {
                let value = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
                    .prefix { $0 != "\"" && $0 != "'" && $0 != " " }
                guard value == "utf-8" || value == "utf8" else {
                    throw FHIRError(.structure, "only UTF-8 XML is accepted (the declaration names encoding '\(value)')")
                }
            }
        }
        var i = 0
        while let start = find([UInt8(ascii: "<"), UInt8(ascii: "!")], in: b, from: i) {
            let rest = b[(start + 2)...]
            guard rest.starts(with: Array("--".utf8)) || rest.starts(with: Array("[CDATA[".utf8)) else {
                let what = String(decoding: rest.prefix(8), as: UTF8.self)
                throw FHIRError(.structure, "DTDs and entity declarations are not allowed in FHIR XML (found '<!\(what)')")
            }
            i = start + 2
        }
        return Data(b)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = start
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// Builds the element tree from the parser's events; stops the parser past `maxDepth`.
    /// Text is gathered per open element and stored when a child starts or the element ends,
    /// so text delivered in many small pieces costs linear time.
    private final class TreeBuilder: NSObject, XMLParserDelegate {
        let maxDepth: Int
        var stack: [ParsedXMLElement] = []
        var pendingText: [String] = []
        var root: ParsedXMLElement?
        var problem: String?

        init(maxDepth: Int) { self.maxDepth = maxDepth }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            guard stack.count < maxDepth else {
                problem = "the XML is nested deeper than \(maxDepth) levels"
                parser.abortParsing()
                return
            }
            flushText()
            stack.append(ParsedXMLElement(namespace: namespaceURI.flatMap { $0.isEmpty ? nil : $0 },
                                          name: elementName, attributes: attributeDict, line: parser.lineNumber))
            pendingText.append("")
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            flushText()
            guard let element = stack.popLast() else { return }
            pendingText.removeLast()
            if stack.isEmpty {
                root = element
            } else {
                stack[stack.count - 1].content.append(.element(element))
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !pendingText.isEmpty { pendingText[pendingText.count - 1] += string }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            if !pendingText.isEmpty { pendingText[pendingText.count - 1] += String(decoding: CDATABlock, as: UTF8.self) }
        }

        private func flushText() {
            guard let text = pendingText.last, !text.isEmpty else { return }
            stack[stack.count - 1].content.append(.text(text))
            pendingText[pendingText.count - 1] = ""
        }
    }
}
